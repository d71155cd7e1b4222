// Planted mistakes for kata 09: each is an edit of solutions/09_diagnosis/diagnosis.ts that a
// learner could plausibly make; the kata contract proves a case catches and names each one.
import type { PlantedMistake } from "../../lib/contract/mistake.ts";

export const mistakes: PlantedMistake[] = [
  {
    // Blaming optimization when the SHALLOWER model is the worse one.
    name: "optimization and model bias swapped",
    edits: [[
      "if (best !== -1 && train - report.train[best] > gap) {",
      "if (best !== -1 && report.train[best] - train > gap) {",
    ]],
  },
  {
    // Comparing how the models generalize instead of how they fit.
    name: "validation losses compared instead of training losses",
    edits: [
      [
        "if (best === -1 || report.train[i] < report.train[best]) best = i;",
        "if (best === -1 || report.validation[i] < report.validation[best]) best = i;",
      ],
      [
        "if (best !== -1 && train - report.train[best] > gap) {",
        "if (best !== -1 && validation - report.validation[best] > gap) {",
      ],
    ],
  },
  {
    // Only the model just below in capacity.
    name: "only the previous model compared",
    edits: [[
      "for (let i = 0; i < last; i++) {",
      "for (let i = Math.max(0, last - 1); i < last; i++) {",
    ]],
  },
  {
    // ≤ keeps the last of equally good shallower models.
    name: "ties broken toward the last",
    edits: [[
      "report.train[i] < report.train[best]) best = i;",
      "report.train[i] <= report.train[best]) best = i;",
    ]],
  },
  {
    // Any higher training loss, however small the difference.
    name: "gap ignored in the optimization comparison",
    edits: [[
      "if (best !== -1 && train - report.train[best] > gap) {",
      "if (best !== -1 && train > report.train[best]) {",
    ]],
  },
  {
    // The optimization verdict without its witness.
    name: "witness not reported",
    edits: [["        comparedWith: shallower,\n", ""]],
  },
  {
    // The difference taken the wrong way round.
    name: "gap measured as training minus validation",
    edits: [["if (validation - train > gap) {", "if (train - validation > gap) {"]],
  },
  {
    // Overfitting asked about before the training loss.
    name: "validation loss checked before training loss",
    edits: [[
      "  if (train > largeLoss) {\n",
      '  if (validation - train > gap) {\n    return { verdict: "overfitting", model, reason: `"${model}" overfits` };\n  }\n  if (train > largeLoss) {\n',
    ]],
  },
  {
    // "Validation loss large" read as an absolute threshold.
    name: "overfitting from the validation loss alone",
    edits: [["if (validation - train > gap) {", "if (validation > largeLoss) {"]],
  },
  {
    // Mismatch asked about before overfitting.
    name: "mismatch checked before overfitting",
    edits: [[
      "  // 2. It fits its training data; does it generalize to held-out data?\n",
      '  if (report.test !== undefined && report.test[last] - validation > gap) {\n    return { verdict: "mismatch", model, reason: `"${model}" mismatch` };\n  }\n',
    ]],
  },
  {
    // Test against training: that gap mixes overfitting into mismatch.
    name: "test compared with the training loss",
    edits: [["report.test[last] - validation > gap", "report.test[last] - train > gap"]],
  },
  {
    // report.test read without asking whether it is there.
    name: "test losses assumed present",
    edits: [[
      "report.test !== undefined && report.test[last] - validation > gap",
      "report.test![last] - validation > gap",
    ]],
  },
  {
    // The least flexible model judged instead of the most flexible.
    name: "first model diagnosed instead of the last",
    edits: [["const last = report.models.length - 1;", "const last = 0;"]],
  },
  {
    name: "empty report not refused",
    edits: [[
      '  if (count === 0) {\n    throw new ValueError("Cannot diagnose: the report has no models");\n  }\n',
      "",
    ]],
  },
  {
    name: "inconsistent loss lists not refused",
    edits: [[
      "    if (losses.length !== count) {\n      throw new ValueError(\n        `Cannot diagnose: ${count} models but ${losses.length} ${kind} losses`,\n      );\n    }\n",
      "",
    ]],
  },
  {
    // NaN < 0 is false, so only the sign check lets NaN through.
    name: "NaN loss not refused",
    edits: [["if (!Number.isFinite(loss) || loss < 0) {", "if (loss < 0) {"]],
  },
  {
    name: "negative threshold not refused",
    edits: [["if (!Number.isFinite(value) || value < 0) {", "if (!Number.isFinite(value)) {"]],
  },
];
