// Planted mistakes for kata 06: each edit of solutions/06_warmup/warmup.ts is one a
// learner could make; the kata contract proves a case fails and names it.
import type { PlantedMistake } from "../../lib/contract/mistake.ts";

export const mistakes: PlantedMistake[] = [
  {
    name: "Transformer step counted from 0",
    edits: [["const s = t + 1;", "const s = t;"]],
  },
  {
    name: "warm-up reaching the peak one step late",
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
];
