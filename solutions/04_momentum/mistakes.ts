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
  // A second pass, as a learner who half understood the lecture would slip.
  {
    // Only the upper end of [0, 1) checked: negative λ (and NaN) slip through.
    name: "a negative momentum accepted",
    edits: [["if (!(lambda >= 0 && lambda < 1)) {", "if (lambda >= 1) {"]],
  },
  {
    // Both ends checked, but NaN fails every comparison, so it passes both.
    name: "NaN momentum accepted",
    edits: [["if (!(lambda >= 0 && lambda < 1)) {", "if (lambda < 0 || lambda >= 1) {"]],
  },
  {
    // zeros() without a dtype is float32, whatever θ was.
    name: "a float32 result for float64 input",
    edits: [
      ["  zerosLike,\n} from", "  zeros,\n  zerosLike,\n} from"],
      ["movement: zerosLike(params) })", "movement: zeros([...params.shape]) })"],
    ],
  },
  {
    // "The first update" read as update 1.
    name: "t counted from 1",
    edits: [["init: (params) => ({ t: 0, movement", "init: (params) => ({ t: 1, movement"]],
  },
  {
    // The state keeps the movement it was given, not the new one.
    name: "the old movement stored in the state",
    edits: [[
      "return { params: next, state: { t: state.t + 1, movement } };",
      "return { params: next, state: { t: state.t + 1, movement: state.movement } };",
    ]],
  },
  {
    // A schedule flattened to its first value in the returned optimizer.
    name: "the learningRate field not the one given",
    edits: [[
      "    learningRate,\n    // The ball starts at rest",
      "    learningRate: learningRateAt(learningRate, 0),\n    // The ball starts at rest",
    ]],
  },
  {
    // Stretch: nesterov() written as plain momentum.
    name: "Nesterov without the look-ahead",
    edits: [[
      "const next = params.add(movement.mul(lambda)).sub(push);",
      "const next = params.add(movement);",
    ]],
  },
  {
    // Stretch: the look-ahead kept, this update's own push dropped.
    name: "Nesterov's look-ahead without −η·g",
    edits: [[
      "const next = params.add(movement.mul(lambda)).sub(push);",
      "const next = params.add(movement.mul(lambda));",
    ]],
  },
];
