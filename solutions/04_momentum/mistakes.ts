// Planted mistakes for kata 04: each edit of the solution is a slip a learner could
// make; the kata contract proves that a case fails and names it.
import type { PlantedMistake } from "../../lib/contract/mistake.ts";

export const mistakes: PlantedMistake[] = [
  {
    name: "adding instead of subtracting the gradient",
    edits: [[
      "state.movement.mul(lambda).sub(grad.mul(eta))",
      "state.movement.mul(lambda).add(grad.mul(eta))",
    ]],
  },
  {
    name: "momentum applied to θ instead of the movement",
    edits: [["const movement = state.movement.mul(lambda)", "const movement = params.mul(lambda)"]],
  },
  {
    name: "the movement reset each step",
    edits: [["state.movement.mul(lambda).sub", "zerosLike(params).mul(lambda).sub"]],
  },
  {
    name: "λ and η swapped",
    edits: [[
      "state.movement.mul(lambda).sub(grad.mul(eta))",
      "state.movement.mul(eta).sub(grad.mul(lambda))",
    ]],
  },
  {
    name: "the update using the new gradient twice",
    edits: [[
      "const next = params.add(movement);",
      "const next = params.add(movement).sub(grad.mul(eta));",
    ]],
  },
  {
    name: "Nesterov's form instead of the lecture's",
    edits: [[
      "const next = params.add(movement);",
      "const next = params.add(movement.mul(lambda)).sub(grad.mul(eta));",
    ]],
  },
  {
    name: "schedule read at t + 1",
    edits: [[
      "learningRateAt(learningRate, state.t); // η^t",
      "learningRateAt(learningRate, state.t + 1); // η^t",
    ]],
  },
  {
    name: "the update count t never advanced",
    edits: [["state: { t: state.t + 1, movement }", "state: { t: state.t, movement }"]],
  },
  {
    name: "state mutated in place",
    edits: [[
      "return { params: next, state: { t: state.t + 1, movement } };",
      "state.t += 1;\n      state.movement = movement;\n      return { params: next, state };",
    ]],
  },
  {
    name: "momentum λ = 1 accepted",
    edits: [["lambda >= 0 && lambda < 1", "lambda >= 0 && lambda <= 1"]],
  },
  {
    name: "a negative learning rate accepted",
    edits: [['  checkLearningRate("momentum", learningRate);\n', ""]],
  },
];
