// Planted mistakes for kata 06: each edit of solutions/06_warmup/warmup.ts is one a
// learner could make; the kata contract proves a case fails and names it, and that no
// message names another. The first nine came with the kata; the rest are a second pass
// written as a learner who half understood the lecture: boundaries (≤ vs <, t vs t + 1),
// defaults, what to refuse and what to allow, and a schedule that keeps state.
import type { PlantedMistake } from "../../lib/contract/mistake.ts";

export const mistakes: PlantedMistake[] = [
  {
    name: "Transformer step counted from 0",
    edits: [["const s = t + 1;", "const s = t;"]],
  },
  {
    // Not wrong everywhere: HuggingFace's convention. The messages say so.
    name: "warm-up counted by t (HuggingFace's convention)",
    edits: [["return peak * (t + 1) / warmupSteps;", "return peak * t / warmupSteps;"]],
  },
  {
    name: "warm-up not capped at the peak",
    edits: [["if (t >= warmupSteps) return peak;", ""]],
  },
  {
    name: "cosine decaying over totalSteps instead of totalSteps − warmupSteps",
    edits: [["const decaySteps = totalSteps - warmupSteps;", "const decaySteps = totalSteps;"]],
  },
  {
    name: "max instead of min in the Transformer schedule",
    edits: [[
      "Math.min(s ** -0.5, s * warmupSteps ** -1.5)",
      "Math.max(s ** -0.5, s * warmupSteps ** -1.5)",
    ]],
  },
  {
    name: "the floor ignored",
    edits: [["return floor + (peak - floor) * 0.5 *", "return peak * 0.5 *"]],
  },
  {
    name: "cosine not clamped at totalSteps",
    edits: [["if (t >= totalSteps) return floor;", ""]],
  },
  {
    name: "the switch applied one step early",
    edits: [["return t < switchAt ? warmupLr : lr;", "return t + 1 < switchAt ? warmupLr : lr;"]],
  },
  {
    name: "floor above the peak not refused",
    edits: [["if (floor > peak) {", "if (floor > peak && false) {"]],
  },

  // --- second pass ---
  {
    name: "warm-up held only from t > warmupSteps",
    edits: [["if (t >= warmupSteps) return peak;", "if (t > warmupSteps) return peak;"]],
  },
  {
    name: "the switch applied one step late",
    edits: [["return t < switchAt ? warmupLr : lr;", "return t <= switchAt ? warmupLr : lr;"]],
  },
  {
    // scale is optional, so it is easy to leave out of the formula.
    name: "scale ignored",
    edits: [[
      "return scale * dModel ** -0.5 * Math.min(",
      "return dModel ** -0.5 * Math.min(",
    ]],
  },
  {
    // "warm-up is linear": s/warmupSteps instead of the paper's s·warmupSteps^−1.5.
    name: "Transformer rise written as s/warmupSteps",
    edits: [[
      "Math.min(s ** -0.5, s * warmupSteps ** -1.5)",
      "Math.min(s ** -0.5, s / warmupSteps)",
    ]],
  },
  {
    // "cosine decay" as one whole period of the cosine.
    name: "a full cosine instead of half",
    edits: [[
      "0.5 * (1 + Math.cos(Math.PI * progress))",
      "0.5 * (1 + Math.cos(2 * Math.PI * progress))",
    ]],
  },
  {
    // t + 1 carried over from the warm-up's formula.
    name: "cosine phase counted from t + 1",
    edits: [[
      "const progress = (t - warmupSteps) / decaySteps;",
      "const progress = (t + 1 - warmupSteps) / decaySteps;",
    ]],
  },
  {
    // A schedule that counts its own calls instead of reading t.
    name: "the schedule keeps its own counter",
    edits: [[
      'return (t) => {\n    requireUpdateIndex("stepSwitch", t);',
      'let calls = 0;\n  return (_t) => {\n    const t = calls++;\n    requireUpdateIndex("stepSwitch", t);',
    ]],
  },
  {
    // < instead of ≤: totalSteps = warmupSteps leaves a cosine over 0 updates.
    name: "totalSteps equal to warmupSteps accepted",
    edits: [["totalSteps <= warmupSteps) {", "totalSteps < warmupSteps) {"]],
  },
  {
    // "a switch needs at least one warm-up update".
    name: "switchAt = 0 refused",
    edits: [[
      'requireCount("stepSwitch", "switchAt", switchAt, 0);',
      'requireCount("stepSwitch", "switchAt", switchAt, 1);',
    ]],
  },
  {
    name: "warmupSteps 0 accepted",
    edits: [[
      'requireCount("linearWarmup", "warmupSteps", warmupSteps, 1);',
      'requireCount("linearWarmup", "warmupSteps", warmupSteps, 0);',
    ]],
  },
  {
    name: "update index not checked",
    edits: [['    requireUpdateIndex("linearWarmup", t);\n', ""]],
  },
  {
    // The default dropped while renaming options.
    name: "floor without its default 0",
    edits: [[
      "const { peak, warmupSteps, totalSteps, floor = 0 } = options;",
      "const { peak, warmupSteps, totalSteps, floor } = options as Required<WarmupCosineOptions>;",
    ]],
  },
];
