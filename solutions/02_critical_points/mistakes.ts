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
];
