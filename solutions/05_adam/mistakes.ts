// Planted mistakes for kata 05: each is a slip a learner could make in
// solutions/05_adam/adam.ts. The kata contract plants each one and proves a
// case fails with a message that names it, and that no message names another.
// The first nine came with the kata; the rest are from a second pass written as a
// learner who half understood the lecture: defaults, boundaries, the mean of
// "root mean square", which β goes where, and the state.
import type { PlantedMistake } from "../../lib/contract/mistake.ts";

export const mistakes: PlantedMistake[] = [
  {
    name: "Adam without bias correction",
    edits: [
      ["const mHat = m.div(1 - beta1 ** step);", "const mHat = m;"],
      ["const vHat = v.div(1 - beta2 ** step);", "const vHat = v;"],
    ],
  },
  {
    name: "bias correction with t from 0",
    edits: [
      ["m.div(1 - beta1 ** step)", "m.div(1 - beta1 ** state.t)"],
      ["v.div(1 - beta2 ** step)", "v.div(1 - beta2 ** state.t)"],
    ],
  },
  {
    name: "ε inside the root",
    edits: [
      ["const sigma = vHat.sqrt();", "const sigma = vHat.add(epsilon).sqrt();"],
      [
        "adaptiveStep(params, mHat, eta, sigma, epsilon)",
        "adaptiveStep(params, mHat, eta, sigma, 0)",
      ],
    ],
  },
  {
    name: "RMSProp started at 0",
    edits: [["? grad.abs()", "? grad.square().mul(1 - alpha).sqrt()"]],
  },
  {
    name: "RMSProp weights swapped",
    edits: [[
      "state.sigma.square().mul(alpha).add(grad.square().mul(1 - alpha)).sqrt()",
      "state.sigma.square().mul(1 - alpha).add(grad.square().mul(alpha)).sqrt()",
    ]],
  },
  {
    name: "Adagrad summing instead of averaging",
    edits: [["sumOfSquares.div(state.t + 1).sqrt()", "sumOfSquares.sqrt()"]],
  },
  {
    name: "sign error",
    edits: [[
      "adaptiveStep(params, mHat, eta, sigma, epsilon)",
      "adaptiveStep(params, mHat.neg(), eta, sigma, epsilon)",
    ]],
  },
  {
    name: "adam() state mutated in place",
    edits: [[
      "return { params: next, state: { t: step, m, v } };",
      "Object.assign(state, { t: step, m, v });\n      return { params: next, state };",
    ]],
  },
  {
    name: "schedule read at t + 1 in adam()",
    edits: [[
      "adaptiveStep(params, mHat, eta, sigma, epsilon)",
      "adaptiveStep(params, mHat, learningRateAt(learningRate, step), sigma, epsilon)",
    ]],
  },

  // --- second pass ---
  {
    // "t counts updates from 0", so the mean divides by t — but update t has seen t + 1 gradients.
    name: "Adagrad's mean over t gradients instead of t + 1",
    edits: [["sumOfSquares.div(state.t + 1).sqrt()", "sumOfSquares.div(state.t).sqrt()"]],
  },
  {
    // "root mean square" read as the root, then the mean.
    name: "Adagrad dividing by t + 1 outside the root",
    edits: [["sumOfSquares.div(state.t + 1).sqrt()", "sumOfSquares.sqrt().div(state.t + 1)"]],
  },
  {
    // σ⁰ = g⁰ copied from the lecture's "σ⁰ = sqrt((g⁰)²)" without the root's absolute value.
    name: "RMSProp starting σ at g⁰, not |g⁰|",
    edits: [["? grad.abs()", "? grad"]],
  },
  {
    // A copy-paste slip between the two corrections.
    name: "m̂ corrected with β2 instead of β1",
    edits: [["m.div(1 - beta1 ** step)", "m.div(1 - beta2 ** step)"]],
  },
  {
    // Corrects the momentum (the "direction"), forgets that v started at 0 too.
    name: "only m bias-corrected",
    edits: [["const vHat = v.div(1 - beta2 ** step);", "const vHat = v;"]],
  },
  {
    // A default nobody pins anyone can change: 0.99 "looks like" RMSProp's α.
    name: "default β2 of 0.99",
    edits: [[
      "beta2 = 0.999, epsilon = 1e-8 } = options;",
      "beta2 = 0.99, epsilon = 1e-8 } = options;",
    ]],
  },
  {
    // SGD's usual 0.01 carried over to Adam.
    name: "default η of 1e-2",
    edits: [["const { learningRate = 1e-3,", "const { learningRate = 1e-2,"]],
  },
  {
    // Hinton's lecture slides use 0.9.
    name: "default α of 0.9",
    edits: [["alpha = 0.99, epsilon = 1e-8 }", "alpha = 0.9, epsilon = 1e-8 }"]],
  },
  {
    // TensorFlow's default ε.
    name: "default ε of 1e-7",
    edits: [[
      "const { learningRate, epsilon = 1e-8 } = options;",
      "const { learningRate, epsilon = 1e-7 } = options;",
    ]],
  },
  {
    // Open interval (0, 1) for β1 as for α: but β1 = 0 (no momentum) is legal.
    name: "β1 = 0 refused",
    edits: [["beta1: [beta1, -Number.MIN_VALUE, 1],", "beta1: [beta1, 0, 1],"]],
  },
  {
    // adam() has the most options; ε is the one that slips out of the check.
    name: "adam() not checking ε",
    edits: [[
      "beta2: [beta2, -Number.MIN_VALUE, 1],\n    epsilon: [epsilon, 0, Infinity],\n",
      "beta2: [beta2, -Number.MIN_VALUE, 1],\n",
    ]],
  },
  {
    // Adagrad's state updated in place: "it is just a running sum".
    name: "adagrad() state mutated in place",
    edits: [[
      "return { params: next, state: { t: state.t + 1, sumOfSquares } };",
      "state.t += 1;\n      state.sumOfSquares = sumOfSquares;\n      return { params: next, state };",
    ]],
  },
  {
    // RMSProp written after Adam, with Adam's step counter.
    name: "schedule read at t + 1 in rmsprop()",
    edits: [[
      "const eta = learningRateAt(learningRate, state.t); // η^t, t counting updates from 0\n      const next = adaptiveStep(params, grad, eta, sigma, epsilon);\n      return { params: next, state: { t: state.t + 1, sigma } };",
      "const eta = learningRateAt(learningRate, state.t + 1);\n      const next = adaptiveStep(params, grad, eta, sigma, epsilon);\n      return { params: next, state: { t: state.t + 1, sigma } };",
    ]],
  },
];
