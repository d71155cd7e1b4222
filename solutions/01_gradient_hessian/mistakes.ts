// Planted mistakes for kata 01: each is a slip a learner could make in
// solutions/01_gradient_hessian/gradient_hessian.ts. The kata contract plants
// each one and proves a case fails with a message that names it.
import type { PlantedMistake } from "../../lib/contract/mistake.ts";

export const mistakes: PlantedMistake[] = [
  {
    // (L(θ + h·e_i) − L(θ))/h: an O(h) error instead of O(h²).
    name: "forward instead of central differences",
    edits: [
      ["const minus = point.sub(step);", "const minus = point;"],
      ["return stack(differences).div(steps.mul(2))", "return stack(differences).div(steps)"],
    ],
  },
  {
    name: "dividing by h instead of 2h",
    edits: [[
      "return stack(differences).div(steps.mul(2))",
      "return stack(differences).div(steps)",
    ]],
  },
  {
    name: "Hessian not symmetrised",
    edits: [["return jacobian.add(jacobian.transpose()).mul(0.5);", "return jacobian;"]],
  },
  {
    name: "perturbing the wrong component",
    edits: [["basisVector(i, n, point)", "basisVector((i + 1) % n, n, point)"]],
  },
  {
    // As when θ's values are copied into an array once, θ_i is nudged up and
    // down in that array, and never put back: component i + 1 starts from a
    // θ whose earlier components have all moved by −h.
    name: "mutating θ in place",
    edits: [
      ["const point = theta.reshape([n]);", "let point = theta.reshape([n]);"],
      ["const minus = point.sub(step);", "const minus = point.sub(step);\n    point = minus;"],
    ],
  },
  {
    name: "toy gradient with a sign error",
    edits: [[
      "return concat([w2, w1]).mul(residual).mul(-2 * x);",
      "return concat([w2, w1]).mul(residual).mul(2 * x);",
    ]],
  },
  {
    name: "toy Hessian without the product rule",
    edits: [[
      "const h12 = w1.mul(w2).mul(2 * x * x).sub(residual.mul(2 * x));",
      "const h12 = w1.mul(w2).mul(2 * x * x);",
    ]],
  },
  {
    name: "float64's step for every dtype",
    edits: [["Math.cbrt(machineEpsilon(theta.dtype))", 'Math.cbrt(machineEpsilon("float64"))']],
  },
  {
    name: "Taylor without the ½",
    edits: [["hessian.matmul(v).dot(v).mul(0.5)", "hessian.matmul(v).dot(v)"]],
  },
  // A second pass, as a learner who half understood the lecture would slip.
  {
    // "h = ∛ε" taken literally, without the max(1, |θ_i|) that follows it.
    name: "the default step not scaled by max(1, |θ_i|)",
    edits: [[
      "? point.abs().maximum(1).mul(Math.cbrt(machineEpsilon(theta.dtype)))",
      "? givenSteps(Math.cbrt(machineEpsilon(theta.dtype)), point)",
    ]],
  },
  {
    // "Relative to θ_i" without the floor of 1: a zero step where θ_i = 0.
    name: "the step scaled by |θ_i| instead of max(1, |θ_i|)",
    edits: [[
      "? point.abs().maximum(1).mul(Math.cbrt(machineEpsilon(theta.dtype)))",
      "? point.abs().mul(Math.cbrt(machineEpsilon(theta.dtype)))",
    ]],
  },
  {
    // The mirror of "float64's step for every dtype".
    name: "float32's step for every dtype",
    edits: [["Math.cbrt(machineEpsilon(theta.dtype))", 'Math.cbrt(machineEpsilon("float32"))']],
  },
  {
    name: "the gradient's step ∛ε for the Hessian too",
    edits: [["machineEpsilon(theta.dtype) ** 0.25", "Math.cbrt(machineEpsilon(theta.dtype))"]],
  },
  {
    name: "Taylor with v = θ' − θ",
    edits: [[
      "const v = theta.sub(thetaPrime).reshape([n]);",
      "const v = thetaPrime.sub(theta).reshape([n]);",
    ]],
  },
  {
    // "At a critical point g = 0", so the first-order term is left out everywhere.
    name: "Taylor without the first-order term",
    edits: [[".add(firstOrder).add(secondOrder)", ".add(secondOrder)"]],
  },
  {
    // The lecture's x = 1 hides the factor x.
    name: "toy gradient without the factor x",
    edits: [[
      "return concat([w2, w1]).mul(residual).mul(-2 * x);",
      "return concat([w2, w1]).mul(residual).mul(-2);",
    ]],
  },
  {
    name: "toy Hessian with x instead of x² on the diagonal",
    edits: [["const h11 = w2.square().mul(2 * x * x);", "const h11 = w2.square().mul(2 * x);"]],
  },
];
