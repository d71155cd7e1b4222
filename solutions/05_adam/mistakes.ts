// Planted mistakes for kata 05: each is a slip a learner could make in
// solutions/05_adam/adam.ts. The kata contract plants each one and proves a
// case fails with a message that names it.
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
    name: "state mutated in place",
    edits: [[
      "return { params: next, state: { t: step, m, v } };",
      "Object.assign(state, { t: step, m, v });\n      return { params: next, state };",
    ]],
  },
  {
    name: "schedule read at t + 1",
    edits: [[
      "adaptiveStep(params, mHat, eta, sigma, epsilon)",
      "adaptiveStep(params, mHat, learningRateAt(learningRate, step), sigma, epsilon)",
    ]],
  },
];
