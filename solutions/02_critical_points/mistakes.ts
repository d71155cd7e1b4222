// Planted mistakes for kata 02: each is a slip a learner could make in
// solutions/02_critical_points/critical_points.ts. The kata contract plants
// each one and proves a case fails with a message that names it.
import type { PlantedMistake } from "../../lib/contract/mistake.ts";

export const mistakes: PlantedMistake[] = [
  {
    name: "classifying by the diagonal instead of eigenvalues",
    edits: [[
      'const { eigenvalues } = await spectrum(hessian, "classify a critical point");',
      "const eigenvalues = ((await hessian.array()) as number[][]).map((row, i) => row[i]);",
    ]],
  },
  {
    // λ ≥ 0 counted as positive: no eigenvalue is ever zero.
    name: "treating zero as positive",
    edits: [[
      "if (Math.abs(lambda) <= threshold) zero++;\n    else if (lambda > 0) positive++;",
      "if (lambda >= 0) positive++;",
    ]],
  },
  {
    name: "absolute instead of relative zero tolerance",
    edits: [[
      "const threshold = tol * Math.max(1, ...eigenvalues.map(Math.abs));",
      "const threshold = tol;",
    ]],
  },
  {
    name: "degenerate checked before saddle",
    edits: [[
      'if (positive > 0 && negative > 0) return "saddle-point";\n  if (zero > 0) return "degenerate";',
      'if (zero > 0) return "degenerate";\n  if (positive > 0 && negative > 0) return "saddle-point";',
    ]],
  },
  {
    name: "the eigenvector of the smallest |λ| instead of the most negative λ",
    edits: [[
      "const lowest = eigenvalues.indexOf(Math.min(...eigenvalues));",
      "const lowest = eigenvalues.reduce((best, l, j) => (Math.abs(l) < Math.abs(eigenvalues[best]) ? j : best), 0);",
    ]],
  },
  {
    // The eigenvector scaled by |λ|, "a longer step where the curvature is stronger".
    name: "an unnormalised direction",
    edits: [[
      "column.map((x) => (sign * x) / length)",
      "column.map((x) => sign * x * Math.abs(eigenvalues[lowest]))",
    ]],
  },
  {
    name: "the sign convention ignored",
    edits: [["const sign = first < 0 ? -1 : 1;", "const sign = 1;"]],
  },
  {
    name: "a row of the eigenvector matrix instead of a column",
    edits: [[
      "const column = eigenvectors.map((row) => row[lowest]);",
      "const column = eigenvectors[lowest];",
    ]],
  },
  {
    name: "max of g instead of max |g|",
    edits: [["await gradient.abs().max().item()", "await gradient.max().item()"]],
  },
  {
    name: "the count of positive eigenvalues instead of their share",
    edits: [["return positive / eigenvalues.length;", "return positive;"]],
  },
  // A second pass, as a learner who half understood the lecture would slip.
  {
    // The boundary of the zero rule: "≤ tol" read as "< tol".
    name: "< instead of ≤ at the zero threshold",
    edits: [[
      "if (Math.abs(lambda) <= threshold) zero++;",
      "if (Math.abs(lambda) < threshold) zero++;",
    ]],
  },
  {
    // "Relative" taken literally: tol·max|λ|, which vanishes for a small H.
    name: "the zero threshold without max(1, ·)",
    edits: [[
      "const threshold = tol * Math.max(1, ...eigenvalues.map(Math.abs));",
      "const threshold = tol * Math.max(...eigenvalues.map(Math.abs));",
    ]],
  },
  {
    name: "< instead of ≤ in isCriticalPoint()",
    edits: [["return largest <= tol;", "return largest < tol;"]],
  },
  {
    // The flag does not reach the helper: the default tol is used whatever the caller said.
    name: "tol ignored in classifyCriticalPoint()",
    edits: [[
      "const { positive, negative, zero } = eigenvalueSigns(eigenvalues, tol);",
      "const { positive, negative, zero } = eigenvalueSigns(eigenvalues);",
    ]],
  },
  {
    name: "tol ignored in minimumRatio()",
    edits: [[
      "const { positive } = eigenvalueSigns(eigenvalues, tol);",
      "const { positive } = eigenvalueSigns(eigenvalues);",
    ]],
  },
  {
    // "Positive out of the ones that curve": the flat directions left out of the count.
    name: "the share among non-zero eigenvalues only",
    edits: [[
      "const { positive } = eigenvalueSigns(eigenvalues, tol);\n  return positive / eigenvalues.length;",
      "const { positive, negative } = eigenvalueSigns(eigenvalues, tol);\n  return positive / (positive + negative);",
    ]],
  },
  {
    // tensor(values) without a dtype is float32, whatever H was.
    name: "a float32 result for float64 input",
    edits: [["    dtype: hessian.dtype,\n", ""]],
  },
];
