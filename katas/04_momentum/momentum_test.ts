// Kata 04 suite: momentum in the lecture's form, from the first two movements worked
// out by hand to TensorFlow.js's optimizer and the ball rolling through a saddle and
// over a bump where gradient descent stops.
// Run: deno test katas/04_momentum
import { gradientDescent, momentum, nesterov } from "./momentum.ts";
import {
  NotImplementedError,
  type Optimizer,
  type Schedule,
  type Tensor,
  tensor,
  ValueError,
} from "../../lib/mod.ts";
import { assertAllClose, check, defineKata, type KnownMistake } from "../../lib/testing/mod.ts";
// TensorFlow.js's trajectories on the same bowl, recorded ahead of time (the file says how).
import { TENSORFLOW } from "./tensorflow_recorded.ts";

const test = defineKata(4);

/** Runs `steps` updates and returns every θ visited (θ⁰…θ^steps) and the last state. */
function roll<S>(
  optimizer: Optimizer<S>,
  theta0: number[],
  gradientFn: (theta: Tensor, t: number) => Tensor,
  steps: number,
): { path: Tensor[]; state: S } {
  let params = tensor(theta0);
  let state = optimizer.init(params);
  const path = [params];
  for (let t = 0; t < steps; t++) {
    ({ params, state } = optimizer.update(gradientFn(params, t), state, params));
    path.push(params);
  }
  return { path, state };
}

/** Reads a whole trajectory back in one batch, as arrays of numbers. */
async function read(path: Tensor[]): Promise<number[][]> {
  return (await Promise.all(path.map((p) => p.data()))).map((v) => [...v]);
}

/** Runs `make` and returns what it threw; a stub's NotImplementedError goes straight up. */
function thrown(make: () => unknown): unknown {
  try {
    make();
  } catch (error) {
    if (error instanceof NotImplementedError) throw error;
    return error;
  }
  return undefined;
}

/** The bowl L(θ) = ½ Σ_i c_i θ_i²: gradient c ⊙ θ, curvatures 1, 10 and 0.1. */
const CURVATURE = [1, 10, 0.1];
const bowlGradient = (theta: Tensor) => theta.mul(tensor(CURVATURE));

// The first two updates, worked out by hand with numbers that binary floating point
// holds exactly (so float32 gives them exactly too): η = 0.25, λ = 0.5,
// θ⁰ = [1, −2, 4], g⁰ = [0.5, −1, 2], g¹ = [−1, 0.5, 1].
//   m¹ = λ·0 − η·g⁰ = [−0.125, 0.25, −0.5]          θ¹ = θ⁰ + m¹ = [0.875, −1.75, 3.5]
//   m² = λ·m¹ − η·g¹ = [−0.0625 + 0.25, 0.125 − 0.125, −0.25 − 0.25] = [0.1875, 0, −0.5]
//      = −λη·g⁰ − η·g¹                               θ² = θ¹ + m² = [1.0625, −1.75, 3]
const ETA = 0.25;
const LAMBDA = 0.5;
const THETA0 = [1, -2, 4];
const G0 = [0.5, -1, 2];
const G1 = [-1, 0.5, 1];
const M1 = [-0.125, 0.25, -0.5];
const THETA1 = [0.875, -1.75, 3.5];
const M2 = [0.1875, 0, -0.5];
const THETA2 = [1.0625, -1.75, 3];

const ADDING: Omit<KnownMistake, "values"> = {
  name: "adding instead of subtracting the gradient",
  explanation: "the ball rolls DOWNhill: m^{t+1} = λ·m^t − η·g^t, with a minus",
};

/**
 * Why momentum behaved like gradient descent. The movement is lost either way;
 * the state after one update (g = 1, η = 1, λ = 0.5: m¹ = −1) tells how.
 */
async function forgetting(): Promise<string> {
  const optimizer = momentum({ learningRate: 1, momentum: 0.5 });
  const { state } = optimizer.update(tensor([1]), optimizer.init(tensor([0])), tensor([0]));
  return (await state.movement.data())[0] === -1
    ? "Likely mistake — the movement reset each step"
    : "The movement is lost between updates (the state should hold m^{t+1})";
}

function firstTwoUpdates() {
  const optimizer = momentum({ learningRate: ETA, momentum: LAMBDA });
  const theta0 = tensor(THETA0);
  const first = optimizer.update(tensor(G0), optimizer.init(theta0), theta0);
  const second = optimizer.update(tensor(G1), first.state, first.params);
  return { first, second };
}

test("momentum() starts at rest: init() gives t = 0 and a zero movement shaped like θ", async () => {
  const state = momentum({ learningRate: 0.1, momentum: 0.9 }).init(tensor([[1, 2, 3], [4, 5, 6]]));
  check(
    state.t === 0,
    `momentum().init(): expected t = 0, got ${state.t}` +
      (state.t === 1
        ? ".\nLikely mistake — t counted from 1: t counts the updates made so far, none yet; the first update reads η⁰"
        : ""),
  );
  await assertAllClose(state.movement, [[0, 0, 0], [0, 0, 0]], {
    where: "momentum().init(θ of shape [2,3]).movement (m⁰)",
    hint: "m⁰ = 0: zerosLike(params)",
  });
});

test("momentum() first update: m¹ = −η·g⁰ and θ¹ = θ⁰ + m¹", async () => {
  const { first } = firstTwoUpdates();
  // A movement of the wrong sign with θ¹ right is a stored m of the other sign, not a ball
  // rolling uphill.
  const thetaRight = [...await first.params.data()].every((x, i) => Math.abs(x - THETA1[i]) < 1e-5);
  await assertAllClose(first.state.movement, M1, {
    where: "momentum({ learningRate: 0.25, momentum: 0.5 }) update 0, the movement m¹",
    mistakes: [
      {
        name: "the old movement stored in the state",
        explanation: "the new state holds the NEW movement m^{t+1}, the one just used for the step",
        values: [0, 0, 0],
      },
      thetaRight
        ? {
          name: "the movement stored with its sign flipped",
          explanation:
            "θ¹ is right, but m is the step itself: m^{t+1} = λ·m^t − η·g^t and θ^{t+1} = θ^t + m^{t+1}",
          values: [0.125, -0.25, 0.5],
        }
        : { ...ADDING, values: [0.125, -0.25, 0.5] },
      {
        name: "η applied to the movement, not inside it",
        explanation:
          "the lecture's m already holds η: m^{t+1} = λ·m^t − η^t·g^t (PyTorch's m = λm + g, θ −= η·m is another convention, which differs once η changes)",
        values: G0.map((g) => -g),
      },
      {
        name: "λ and η swapped",
        explanation: "λ multiplies the old movement and η the gradient: m^{t+1} = λ·m^t − η·g^t",
        values: G0.map((g) => -LAMBDA * g),
      },
      {
        name: "momentum applied to θ instead of the movement",
        explanation: "λ keeps part of the last MOVEMENT m^t, not of the position θ^t",
        values: THETA0.map((x, i) => LAMBDA * x - ETA * G0[i]),
      },
    ],
    hint: "m⁰ = 0, so m¹ = −η·g⁰",
  });
  await assertAllClose(first.params, THETA1, {
    where: "momentum() update 0, the parameters θ¹",
    mistakes: [
      { ...ADDING, values: THETA0.map((x, i) => x + ETA * G0[i]) },
      {
        name: "the update using the new gradient twice",
        explanation:
          "the gradient is already inside m^{t+1}; the step is θ^{t+1} = θ^t + m^{t+1}, nothing more",
        values: THETA0.map((x, i) => x - 2 * ETA * G0[i]),
      },
      {
        name: "Nesterov's form instead of the lecture's",
        explanation:
          "θ^{t+1} = θ^t + λ·m^{t+1} − η·g^t is Nesterov's look-ahead; the lecture steps by the movement itself: θ^{t+1} = θ^t + m^{t+1}",
        values: THETA0.map((x, i) => x - (1 + LAMBDA) * ETA * G0[i]),
      },
    ],
  });
});

test("momentum() second update: m² = −λ·η·g⁰ − η·g¹", async () => {
  const { second } = firstTwoUpdates();
  await assertAllClose(second.state.movement, M2, {
    where: "momentum({ learningRate: 0.25, momentum: 0.5 }) update 1, the movement m²",
    mistakes: [{
      name: "the movement reset each step",
      explanation:
        "carry the movement in the state: m² = λ·m¹ − η·g¹ uses the m¹ that update 0 returned (otherwise this is gradient descent)",
      values: G1.map((g) => -ETA * g),
    }],
    hint: "m² = λ·m¹ − η·g¹ with m¹ = −η·g⁰",
  });
  await assertAllClose(second.params, THETA2, { where: "momentum() update 1, the parameters θ²" });
  check(
    second.state.t === 2,
    `momentum() after two updates: expected state.t = 2, got ${second.state.t}`,
  );
});

test("momentum() works element-wise on a matrix of parameters", async () => {
  const optimizer = momentum({ learningRate: ETA, momentum: LAMBDA });
  const theta0 = tensor([[1, -2], [4, 0]]);
  const { params, state } = optimizer.update(
    tensor([[0.5, -1], [2, 4]]),
    optimizer.init(theta0),
    theta0,
  );
  await assertAllClose(state.movement, [[-0.125, 0.25], [-0.5, -1]], {
    where: "momentum() update 0 on [2,2] params, m¹",
  });
  await assertAllClose(params, [[0.875, -1.75], [3.5, -1]], {
    where: "momentum() update 0 on [2,2] params, θ¹",
  });
});

test("momentum() leaves the state it was given unchanged", async () => {
  const optimizer = momentum({ learningRate: ETA, momentum: LAMBDA });
  const theta0 = tensor(THETA0);
  const start = optimizer.init(theta0);
  const [t0, movement0] = [start.t, [...await start.movement.data()]];
  const once = optimizer.update(tensor(G0), start, theta0);
  // Updating again from `start` must behave exactly like the first time.
  const again = optimizer.update(tensor(G0), start, theta0);
  const [startMovement, onceParams, againParams] = await Promise.all([
    start.movement.data(),
    once.params.data(),
    again.params.data(),
  ]);
  check(
    start.t === t0 && startMovement.every((m, i) => m === movement0[i]) &&
      onceParams.every((x, i) => x === againParams[i]),
    `momentum() update from a fresh state: afterwards that state held t = ${start.t}, movement [${startMovement}] (before: ${t0} and [${movement0}]); ` +
      `a second update from it gave θ = [${againParams}], the first [${onceParams}].\n` +
      "Likely mistake — state mutated in place: update() must return a NEW state object { t: t + 1, movement } and leave its argument as it was",
  );
});

test("momentum() with λ = 0 is gradient descent, step for step", async () => {
  // With λ = 0 the movement forgets everything: m^{t+1} = −η·g^t, θ^{t+1} = θ^t − η·g^t.
  // On the bowl each coordinate then shrinks by (1 − η·c_i) per step.
  const eta = 0.05;
  const steps = 20;
  const ours = await read(
    roll(momentum({ learningRate: eta, momentum: 0 }), [2, -1, 4], bowlGradient, steps).path,
  );
  const gd = await read(
    roll(gradientDescent({ learningRate: eta }), [2, -1, 4], bowlGradient, steps).path,
  );
  const ascent = Array.from(
    { length: steps + 1 },
    (_, t) => [2, -1, 4].map((x, i) => x * (1 + eta * CURVATURE[i]) ** t),
  );
  await assertAllClose(ours, gd, {
    where: `momentum({ momentum: 0 }) vs gradientDescent() on the bowl, η = ${eta}, θ⁰…θ^${steps}`,
    mistakes: [{ ...ADDING, values: ascent }],
  });
});

test("momentum() reads η^t from a schedule at update t, counting from 0", async () => {
  // g = 1 everywhere, λ = 0.5, η^t = 2^−t = 1, 0.5, 0.25:
  //   m¹ = −1, m² = 0.5·(−1) − 0.5 = −1, m³ = 0.5·(−1) − 0.25 = −0.75
  //   θ = 0, −1, −2, −2.75
  const schedule: Schedule = (t) => 2 ** -t;
  const optimizer = momentum({ learningRate: schedule, momentum: 0.5 });
  check(
    optimizer.learningRate === schedule,
    `momentum({ learningRate: schedule }).learningRate: expected the schedule itself, got ${optimizer.learningRate}.\n` +
      "Likely mistake — the learningRate field not the one given: return learningRate as given (a number or the schedule); whoever runs the optimizer reads η^t from it",
  );
  const { path } = roll(optimizer, [0], () => tensor([1]), 3);
  // Which update count the schedule is read at says nothing when init() did not start at 0,
  // nor when momentum() is wrong with a constant η: a gradient damped by (1 − λ) or a λ that
  // multiplies the new gradient too also halves this path, as η^{t+1} = η^t/2 does.
  const startsAtZero = optimizer.init(tensor([0])).t === 0;
  const constant = roll(momentum({ learningRate: 1, momentum: 0.5 }), [0], () => tensor([1]), 3);
  const constantRight = (await read(constant.path)).flat().every((x, i) =>
    Math.abs(x - [0, -1, -2.5, -4.25][i]) < 1e-5
  );
  await assertAllClose((await read(path)).flat(), [0, -1, -2, -2.75], {
    where: "momentum() with η^t = 2^−t, λ = 0.5, g = 1: θ⁰…θ³",
    hint: constantRight
      ? undefined
      : "momentum() is wrong with a constant η too (see the first cases): fix that first",
    mistakes: !startsAtZero || !constantRight ? [] : [
      {
        name: "schedule read at t + 1",
        explanation: "update t (counted from 0) uses η^t = learningRateAt(learningRate, state.t)",
        values: [0, -0.5, -1, -1.375],
      },
      {
        name: "the update count t never advanced",
        explanation: "return state.t + 1 in the new state, or every update reads η⁰",
        values: [0, -1, -2.5, -4.25],
      },
    ],
  });
});

test("momentum() keeps float64 parameters float64: the movement and θ", async () => {
  const optimizer = momentum({ learningRate: ETA, momentum: LAMBDA });
  const theta0 = tensor(THETA0, { dtype: "float64" });
  const start = optimizer.init(theta0);
  await assertAllClose(start.movement, [0, 0, 0], { where: "momentum().init(float64 θ).movement" });
  const first = optimizer.update(tensor(G0, { dtype: "float64" }), start, theta0);
  await assertAllClose(first.state.movement, M1, { where: "momentum() update 0 in float64, m¹" });
  await assertAllClose(first.params, THETA1, { where: "momentum() update 0 in float64, θ¹" });
}, { dtype: "float64" });

test("momentum() refuses a negative or NaN learning rate with a ValueError", () => {
  for (const learningRate of [-0.1, NaN]) {
    const error = thrown(() => momentum({ learningRate, momentum: 0.9 }));
    const pattern = new RegExp(`^Cannot create momentum: learning rate ${learningRate}\\b`);
    check(
      error instanceof ValueError && pattern.test(error.message),
      `momentum({ learningRate: ${learningRate}, momentum: 0.9 }): expected a ValueError matching ${pattern}, got ${
        error === undefined ? "no error" : String(error)
      }.\nLikely mistake — a negative learning rate accepted: call the worked example checkLearningRate("momentum", learningRate) first`,
    );
  }
});

test("momentum() refuses a momentum λ outside [0, 1) with a ValueError", () => {
  for (const lambda of [1, -0.1, 1.5, NaN]) {
    const error = thrown(() => momentum({ learningRate: 0.1, momentum: lambda }));
    const pattern = new RegExp(`^Cannot create momentum: momentum ${lambda} is outside \\[0, 1\\)`);
    const accepted = error === undefined;
    check(
      error instanceof ValueError && pattern.test(error.message),
      `momentum({ learningRate: 0.1, momentum: ${lambda} }): expected a ValueError matching ${pattern}, got ${
        accepted ? "no error" : String(error)
      }.\n` +
        (accepted && lambda === 1
          ? "Likely mistake — momentum λ = 1 accepted: with λ = 1 nothing is ever forgotten and the ball never settles; the range is 0 ≤ λ < 1"
          : accepted && lambda < 0
          ? "Likely mistake — a negative momentum accepted: a λ below 0 flips the movement every update; refuse λ < 0 as well as λ ≥ 1"
          : accepted && Number.isNaN(lambda)
          ? "Likely mistake — NaN momentum accepted: NaN fails every comparison, so λ < 0 || λ ≥ 1 lets it through; test the good range: if (!(λ >= 0 && λ < 1)) throw"
          : "Test the good range, so NaN fails too: if (!(λ >= 0 && λ < 1)) throw new ValueError(…)"),
    );
  }
});

test("momentum() refuses a schedule that turns negative, at the update that uses it", () => {
  const optimizer = momentum({ learningRate: (t) => 0.1 - 0.1 * t, momentum: 0.5 });
  const params = tensor([1]);
  let state = optimizer.init(params);
  ({ state } = optimizer.update(tensor([1]), state, params)); // η⁰ = 0.1
  ({ state } = optimizer.update(tensor([1]), state, params)); // η¹ = 0: allowed
  const error = thrown(() => optimizer.update(tensor([1]), state, params)); // η² = −0.1
  check(
    error instanceof ValueError && /learning rate the schedule gave -0\.1/.test(error.message),
    `momentum() update 2 with η² = −0.1: expected a ValueError from learningRateAt(), got ${
      error === undefined ? "no error" : String(error)
    }.\nRead η^t with learningRateAt(learningRate, state.t) at every update`,
  );
});

test("momentum() on a constant slope speeds up to η·g/(1 − λ), ten times gradient descent's step", async () => {
  // L(θ) = c·θ, so g = c at every step. m^t = λ·m^{t−1} − η·c sums a geometric series:
  //   m^t = −η·c·(1 + λ + … + λ^{t−1}) = −η·c·(1 − λ^t)/(1 − λ)  →  −η·c/(1 − λ)
  // and θ^t = θ⁰ + Σ_k m^k = θ⁰ − η·c/(1 − λ)·(t − λ(1 − λ^t)/(1 − λ)).
  // With η = 0.1, λ = 0.9 the terminal speed is 10·η·|c|: the lecture's ball gathering speed.
  const [eta, lambda, steps] = [0.1, 0.9, 40];
  const c = [2, -1];
  const { path, state } = roll(
    momentum({ learningRate: eta, momentum: lambda }),
    [0, 0],
    () => tensor(c),
    steps,
  );
  const sum = (1 - lambda ** steps) / (1 - lambda);
  const distance = (eta / (1 - lambda)) * (steps - (lambda * (1 - lambda ** steps)) / (1 - lambda));
  // The right θ with a flipped m is a stored movement of the other sign, not an uphill roll.
  const thetaRight = [...await path[steps].data()].every((x, i) =>
    Math.abs(x + c[i] * distance) <= 1e-4 * Math.max(1, Math.abs(c[i] * distance))
  );
  await assertAllClose(state.movement, c.map((g) => -eta * g * sum), {
    where: `momentum() on L = c·θ after ${steps} updates, the movement m^${steps}`,
    mistakes: [
      {
        name: "the movement reset each step",
        explanation:
          "m must carry over: it sums all the gradients so far, so on a constant slope it grows toward η·g/(1 − λ)",
        values: c.map((g) => -eta * g),
      },
      {
        name: "λ and η swapped",
        explanation: "m^{t+1} = λ·m^t − η·g^t: λ on the old movement, η on the gradient",
        values: c.map((g) => (-lambda * g * (1 - eta ** steps)) / (1 - eta)),
      },
      thetaRight
        ? {
          name: "the movement stored with its sign flipped",
          explanation: "θ is right, but m is the step itself: m^{t+1} = λ·m^t − η·g^t",
          values: c.map((g) => eta * g * sum),
        }
        : { ...ADDING, values: c.map((g) => eta * g * sum) },
    ],
  });
  await assertAllClose(path[steps], c.map((g) => -g * distance), {
    where: `momentum() on L = c·θ, θ^${steps}`,
  });
});

test("momentum() follows TensorFlow.js's momentum optimizer, with m = −η·accumulation", async () => {
  // TensorFlow.js (tf.train.momentum(η, μ), like PyTorch's SGD with momentum) keeps
  //   accumulation ← μ·accumulation + g,   θ ← θ − η·accumulation.
  // For a constant η this is the lecture's form with m = −η·accumulation:
  //   m^{t+1} = −η·(μ·accumulation^t + g^t) = μ·m^t − η·g^t, and θ^{t+1} = θ^t + m^{t+1}.
  // So with λ = μ both visit the same points. (With a schedule they differ: TF.js
  // would rescale the whole accumulated movement by the new η, the lecture only the
  // new gradient.)
  const [eta, lambda, steps] = [0.05, 0.9, 60];
  const ours = await read(
    roll(momentum({ learningRate: eta, momentum: lambda }), [2, -1, 4], bowlGradient, steps).path,
  );
  await assertAllClose(ours, TENSORFLOW.momentumBowl, {
    where: `momentum() vs tf.train.momentum(${eta}, ${lambda}) on the bowl, θ⁰…θ^${steps}`,
    mistakes: [{
      name: "Nesterov's form instead of the lecture's",
      explanation:
        "this is tf.train.momentum(η, λ, useNesterov = true): θ^{t+1} = θ^t + λ·m^{t+1} − η·g^t. The lecture's step is the movement itself, θ^{t+1} = θ^t + m^{t+1}",
      values: TENSORFLOW.nesterovBowl,
    }],
  });
});

test("momentum() rolls through the flat (degenerate) critical point of L = θ⁴/4 + θ³/3 where gradient descent stalls", async () => {
  // g = θ³ + θ² = θ²(θ + 1): a flat critical point at θ = 0 (L = 0, H = [0]: degenerate
  // in kata 02's words — the second-order test cannot decide; the third-order term θ³/3
  // makes it neither a minimum nor a maximum) and the minimum at θ = −1 (L = −1/12).
  // From θ⁰ = 1, gradient descent slows as g ≈ θ² vanishes and creeps toward 0 for
  // ever (θ ≈ 0.042 after 200 steps); the ball keeps its speed through 0 (it crosses
  // at update 3) and settles at −1.
  const gradient = (theta: Tensor) => theta.pow(3).add(theta.square());
  const [eta, lambda, steps] = [0.1, 0.9, 200];
  const gd = await roll(gradientDescent({ learningRate: eta }), [1], gradient, steps).path[steps]
    .item();
  const ball = await roll(momentum({ learningRate: eta, momentum: lambda }), [1], gradient, steps)
    .path[steps].item();
  check(
    gd > 0 && gd < 0.1,
    `gradientDescent() was expected to stall just right of the flat point at 0, got θ = ${gd}`,
  );
  check(
    Math.abs(ball + 1) < 1e-3,
    `momentum({ learningRate: ${eta}, momentum: ${lambda} }) from θ⁰ = 1 on L = θ⁴/4 + θ³/3: expected θ^${steps} ≈ −1 (the minimum beyond the flat point), got ${ball}` +
      (Math.abs(ball - gd) < 1e-3
        ? `.\n${await forgetting()}: that is gradient descent, which stalls at the flat point; keep m in the state`
        : ""),
  );
});

test("momentum() rolls over a small bump into the deeper valley, where gradient descent stops in the local minimum", async () => {
  // L(θ) = θ⁴/4 − θ²/2 + θ/10: g = θ³ − θ + 0.1. Two valleys: a shallow local minimum
  // at θ ≈ 0.946 (L ≈ −0.153) and the global one at θ ≈ −1.047 (L ≈ −0.352), with a
  // small bump at θ ≈ 0.100 between them. From θ⁰ = 2, gradient descent stops in the
  // first valley it meets; the ball arrives there with speed and rolls over the bump.
  const gradient = (theta: Tensor) => theta.pow(3).sub(theta).add(0.1);
  const [eta, lambda, steps] = [0.05, 0.9, 300];
  const gd = await roll(gradientDescent({ learningRate: eta }), [2], gradient, steps).path[steps]
    .item();
  const ball = await roll(momentum({ learningRate: eta, momentum: lambda }), [2], gradient, steps)
    .path[steps].item();
  check(
    Math.abs(gd - 0.94565) < 1e-3,
    `gradientDescent() was expected to stop in the local minimum θ ≈ 0.946, got θ = ${gd}`,
  );
  check(
    Math.abs(ball + 1.04668) < 1e-3,
    `momentum({ learningRate: ${eta}, momentum: ${lambda} }) from θ⁰ = 2 on L = θ⁴/4 − θ²/2 + θ/10: expected θ^${steps} ≈ −1.047 (the deeper valley beyond the bump), got ${ball}` +
      (Math.abs(ball - gd) < 1e-3
        ? `.\n${await forgetting()}: that is gradient descent, which stops in the first valley; keep m in the state`
        : ""),
  );
});

// Stretch: Nesterov momentum. The same movement m, and a step that looks ahead:
// θ^{t+1} = θ^t + λ·m^{t+1} − η^t·g^t. With the numbers above (exact in binary):
//   θ¹ = θ⁰ + λ·m¹ − η·g⁰ = [1 − 0.0625 − 0.125, −2 + 0.125 + 0.25, 4 − 0.25 − 0.5]
//      = [0.8125, −1.625, 3.25]
//   θ² = θ¹ + λ·m² − η·g¹ = [0.8125 + 0.09375 + 0.25, −1.625 + 0 − 0.125, 3.25 − 0.25 − 0.25]
//      = [1.15625, −1.75, 2.75]
test("stretch: nesterov() first two updates: θ^{t+1} = θ^t + λ·m^{t+1} − η·g^t", async () => {
  const optimizer = nesterov({ learningRate: ETA, momentum: LAMBDA });
  const theta0 = tensor(THETA0);
  const first = optimizer.update(tensor(G0), optimizer.init(theta0), theta0);
  await assertAllClose(first.state.movement, M1, {
    where: "nesterov() update 0, the movement m¹ (the same as momentum()'s)",
  });
  await assertAllClose(first.params, [0.8125, -1.625, 3.25], {
    where: "nesterov({ learningRate: 0.25, momentum: 0.5 }) update 0, θ¹",
    mistakes: [
      {
        name: "Nesterov without the look-ahead",
        explanation:
          "that is the lecture's momentum, θ^t + m^{t+1}; Nesterov steps θ^t + λ·m^{t+1} − η·g^t",
        values: THETA1,
      },
      {
        name: "Nesterov's look-ahead without −η·g",
        explanation:
          "after looking ahead by λ·m^{t+1}, still push downhill by this update's −η·g^t",
        values: [0.9375, -1.875, 3.75],
      },
    ],
  });
  const second = optimizer.update(tensor(G1), first.state, first.params);
  // "Never advanced" only when t is still where init() left it (t counted from 1 gives 3).
  const stuck = second.state.t === optimizer.init(theta0).t;
  check(
    second.state.t === 2,
    `nesterov() after two updates: expected state.t = 2, got ${second.state.t}.\n` +
      (stuck
        ? "Likely mistake — Nesterov's update count t never advanced: return state.t + 1 in the new state, " +
          "or every update reads η⁰ from a schedule"
        : "t counts the updates made so far: init() gives 0, each update adds 1"),
  );
  await assertAllClose(second.state.movement, M2, { where: "nesterov() update 1, m²" });
  await assertAllClose(second.params, [1.15625, -1.75, 2.75], { where: "nesterov() update 1, θ²" });
});

test("stretch: nesterov() refuses what momentum() refuses, and λ = 0 is gradient descent", async () => {
  const error = thrown(() => nesterov({ learningRate: 0.1, momentum: 1 }));
  check(
    error instanceof ValueError,
    `nesterov({ momentum: 1 }): expected a ValueError, got ${
      error === undefined ? "no error" : String(error)
    }.\nCheck η and λ as momentum() does (or call it)`,
  );
  const eta = 0.05;
  const ours = await read(
    roll(nesterov({ learningRate: eta, momentum: 0 }), [2, -1, 4], bowlGradient, 10).path,
  );
  const gd = await read(
    roll(gradientDescent({ learningRate: eta }), [2, -1, 4], bowlGradient, 10).path,
  );
  await assertAllClose(ours, gd, {
    where: "nesterov({ momentum: 0 }) vs gradientDescent(), θ⁰…θ¹⁰",
  });
});
