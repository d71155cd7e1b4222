// Kata 01 suite: finite-difference gradients and Hessians, checked against
// closed forms worked out by hand, then the lecture's toy network and the
// second-order Taylor approximation. Cases named "stretch: …" check the
// floating-point detail of the default steps (the README's stretch section).
// Run: deno test katas/01_gradient_hessian
import {
  type Loss,
  numericalGradient,
  numericalHessian,
  taylorApproximation,
  toyGradient,
  toyHessian,
  toyLoss,
} from "./gradient_hessian.ts";
import {
  DtypeError,
  grad,
  mlp,
  Rng,
  ShapeError,
  type Tensor,
  tensor,
  ValueError,
} from "../../lib/mod.ts";
import { assertAllClose, assertRefuses, check, defineKata } from "../../lib/testing/mod.ts";

const test = defineKata(1);

/** Finite differences lose digits by design: their comparisons use 10× the dtype's tolerance. */
const FINITE_DIFFERENCE = 10;

/** ∛ε: the default step of a central difference, per dtype. */
const CBRT_EPS32 = Math.cbrt(2 ** -23); // 4.9e-3
const CBRT_EPS64 = Math.cbrt(2 ** -52); // 6.1e-6

const values = async (t: Tensor) => [...await t.data()];

// The quadratic L(θ) = ½θᵀAθ + bᵀθ with a symmetric A. By hand:
//   ∂L/∂θ_i = ½Σ_j (A_ij + A_ji)θ_j + b_i = (Aθ + b)_i   (A symmetric)
//   ∂²L/∂θ_i∂θ_j = A_ij
// so g = Aθ + b and H = A. Central differences are EXACT on a quadratic for any
// h: L(θ + h·e_i) − L(θ − h·e_i) = 2h·(Aθ + b)_i, the h² terms cancel.
const A = [[2, 1, 0], [1, 3, -1], [0, -1, 4]];
const B = [1, -2, 0.5];
const THETA = [0.5, -1, 2];
// Aθ + b = [2·0.5 + 1·(−1) + 0 + 1, 0.5 − 3 − 2 − 2, 0 + 1 + 8 + 0.5] = [1, −6.5, 9.5]
const G = [1, -6.5, 9.5];

function quadratic(dtype: "float32" | "float64"): Loss {
  return (theta) =>
    theta.dot(tensor(A, { dtype }).matmul(theta)).mul(0.5).add(theta.dot(tensor(B, { dtype })));
}

// A smooth function with no symmetry, for convergence and accuracy:
//   L(θ) = exp(θ0) + θ0·θ1³ + θ0·exp(−θ1)
//   ∂L/∂θ0 = exp(θ0) + θ1³ + exp(−θ1),  ∂L/∂θ1 = 3θ0·θ1² − θ0·exp(−θ1)
const smooth: Loss = (theta) => {
  const t0 = theta.slice([0], [1]);
  const t1 = theta.slice([1], [1]);
  return t0.exp().add(t0.mul(t1.square().mul(t1))).add(t0.mul(t1.neg().exp())).reshape([]);
};
const smoothGradient = ([t0, t1]: number[]) => [
  Math.exp(t0) + t1 ** 3 + Math.exp(-t1),
  3 * t0 * t1 ** 2 - t0 * Math.exp(-t1),
];
const SMOOTH_AT = [0.3, -0.7];

const maxRelativeError = (actual: number[], expected: number[]) =>
  Math.max(...expected.map((e, i) => Math.abs(actual[i] - e) / Math.max(Math.abs(e), 1e-12)));

test("numericalGradient() of L(θ) = Σθ_i² is 2θ", async () => {
  // ∂(Σθ_i²)/∂θ_i = 2θ_i. With every |θ_i| ≤ 1 the default step is ∛ε = 4.9e-3 everywhere.
  const theta = [1, -0.5, 0.25];
  const sumOfSquares: Loss = (t) => t.square().sum();
  const gradient = numericalGradient(sumOfSquares, tensor(theta));
  await assertAllClose(gradient, theta.map((x) => 2 * x), {
    where: "numericalGradient(Σθ², θ = [1, −0.5, 0.25]), float32, default h",
    looseness: FINITE_DIFFERENCE,
    mistakes: [
      {
        name: "dividing by h instead of 2h",
        explanation: "θ + h·e_i and θ − h·e_i are 2h apart: divide the difference by 2h",
        values: theta.map((x) => 4 * x),
      },
      {
        name: "forward instead of central differences",
        explanation:
          "(L(θ + h·e_i) − L(θ))/h is off by h·L''/2; use (L(θ + h·e_i) − L(θ − h·e_i))/2h, whose error is O(h²)",
        values: theta.map((x) => 2 * x + CBRT_EPS32),
      },
      {
        name: "perturbing the wrong component",
        explanation: "component i of the gradient comes from moving θ along e_i only",
        values: theta.map((_, i) => 2 * theta[(i + 1) % theta.length]),
      },
      {
        name: "float64's step for every dtype",
        explanation: `in float32, h = ∛(2⁻⁵²) ≈ ${
          CBRT_EPS64.toPrecision(2)
        } drowns the difference in round-off: take ε from θ's dtype (∛(2⁻²³) ≈ ${
          CBRT_EPS32.toPrecision(2)
        })`,
        values: await values(numericalGradient(sumOfSquares, tensor(theta), CBRT_EPS64)),
      },
    ],
  });
});

test("numericalGradient() returns the shape, dtype and backend of θ, here a [2,2] matrix", async ({ backend }) => {
  // L(W) = Σ_ij c_ij·W_ij², so ∂L/∂W_ij = 2·c_ij·W_ij, entry by entry.
  const c = [[1, 2], [3, 4]];
  const w = [[0.5, -1], [0.25, 2]];
  const gradient = numericalGradient((t) => t.square().mul(tensor(c)).sum(), tensor(w));
  check(
    gradient.shape.join() === "2,2" && gradient.dtype === "float32" &&
      gradient.backend.name === backend,
    `numericalGradient() of a [2,2] float32 θ on ${backend}: expected shape [2,2], float32, on ${backend}; ` +
      `got shape [${gradient.shape}], ${gradient.dtype}, on ${gradient.backend.name}.\n` +
      "Flatten θ to [n] to perturb it, then reshape the result back to θ's shape",
  );
  await assertAllClose(gradient, w.map((row, i) => row.map((x, j) => 2 * c[i][j] * x)), {
    where: "numericalGradient(Σ c⊙W², W [2,2])",
    looseness: FINITE_DIFFERENCE,
  });
});

test(
  "numericalGradient() is exact on a quadratic ½θᵀAθ + bᵀθ for any h, even h = 0.5",
  async () => {
    // See the derivation above A: the central difference of a quadratic has no
    // truncation error, so a wrong answer here is a wrong formula, not a wrong h.
    const h = 0.5;
    const gradient = numericalGradient(
      quadratic("float64"),
      tensor(THETA, { dtype: "float64" }),
      h,
    );
    check(
      gradient.dtype === "float64",
      `numericalGradient() of a float64 θ: expected a float64 gradient, got ${gradient.dtype}`,
    );
    // What each slip gives on this quadratic, worked out from g = Aθ + b:
    // forward: (L(θ + h·e_i) − L(θ))/h = g_i + h·A_ii/2.
    const forward = G.map((g, i) => g + (h * A[i][i]) / 2);
    // moving θ: component i is taken at θ − h·Σ_{k<i} e_k, where g_i drops by h·Σ_{k<i} A_ik.
    const moved = G.map((g, i) => g - h * A[i].slice(0, i).reduce((s, a) => s + a, 0));
    await assertAllClose(gradient, G, {
      where: "numericalGradient(½θᵀAθ + bᵀθ, θ = [0.5, −1, 2], h = 0.5), expected Aθ + b",
      looseness: FINITE_DIFFERENCE,
      mistakes: [
        {
          name: "perturbing the wrong component",
          explanation: "component i of the gradient comes from moving θ along e_i, not e_(i+1)",
          values: [G[1], G[2], G[0]],
        },
        {
          name: "mutating θ in place",
          explanation:
            "each component must start again from the true θ: build θ ± h·e_i as NEW tensors (or restore an array you perturbed)",
          values: moved,
        },
        {
          name: "dividing by h instead of 2h",
          explanation: "θ + h·e_i and θ − h·e_i are 2h apart: divide by 2h",
          values: G.map((g) => 2 * g),
        },
        {
          name: "forward instead of central differences",
          explanation: "use L(θ + h·e_i) − L(θ − h·e_i): on a quadratic it is exact for any h",
          values: forward,
        },
      ],
    });
  },
  { dtype: "float64" },
);

test("numericalGradient() matches g = Aθ + b on the quadratic with the default h, in float32", async () => {
  const gradient = numericalGradient(quadratic("float32"), tensor(THETA));
  await assertAllClose(gradient, G, {
    where: "numericalGradient(½θᵀAθ + bᵀθ, θ = [0.5, −1, 2]), float32, default h",
    looseness: FINITE_DIFFERENCE,
    hint: "g_i ≈ (L(θ + h_i·e_i) − L(θ − h_i·e_i)) / 2h_i with h_i = ∛ε·max(1, |θ_i|)",
  });
});

test("toyGradient() is 0 at the lecture's saddle w = (0, 0) and [15, −5] at w = (0.5, −1.5), x = 2", async () => {
  // L = (ŷ − w1·w2·x)², r = ŷ − w1·w2·x: ∂L/∂w1 = −2x·r·w2, ∂L/∂w2 = −2x·r·w1.
  // At (0, 0): r = 1 but w1 = w2 = 0, so g = [0, 0] — a critical point.
  // At (0.5, −1.5), x = 2, ŷ = 1: r = 1 − (0.5·−1.5·2) = 2.5,
  //   ∂L/∂w1 = −2·2·2.5·(−1.5) = 15, ∂L/∂w2 = −2·2·2.5·0.5 = −5.
  await assertAllClose(toyGradient(tensor([0, 0])), [0, 0], {
    where: "toyGradient(w = (0, 0)), x = ŷ = 1",
  });
  await assertAllClose(toyGradient(tensor([0.5, -1.5]), 2, 1), [15, -5], {
    where: "toyGradient(w = (0.5, −1.5), x = 2, ŷ = 1)",
    mistakes: [{
      name: "toy gradient with a sign error",
      explanation:
        "r = ŷ − w1·w2·x, so ∂r/∂w1 = −w2·x: ∂L/∂w1 = 2r·(−w2·x) = −2x·r·w2 (the network's output is subtracted)",
      values: [-15, 5],
    }, {
      name: "toy gradient without the factor x",
      explanation: "∂r/∂w1 = −w2·x: the x stays (the lecture's x = 1 hides it); ∂L/∂w1 = −2x·r·w2",
      values: [7.5, -2.5],
    }],
  });
});

test("toyHessian() at the origin is the lecture's [[0, −2], [−2, 0]]", async () => {
  // H12 = ∂/∂w2 (−2x·r·w2) = −2x·(w2·∂r/∂w2 + r) = 2x²·w1·w2 − 2x·r; at 0: −2·1·1 = −2.
  // H11 = 2x²·w2² = 0 and H22 = 2x²·w1² = 0 at the origin.
  await assertAllClose(toyHessian(tensor([0, 0])), [[0, -2], [-2, 0]], {
    where: "toyHessian(w = (0, 0)), x = ŷ = 1",
    mistakes: [{
      name: "toy Hessian without the product rule",
      explanation:
        "∂/∂w2 of −2x·r·w2 has two terms, since both r and w2 depend on w2: 2x²·w1·w2 − 2x·r",
      values: [[0, 0], [0, 0]],
    }],
  });
});

test("toyHessian() matches the hand derivation at w = (0.5, −1.5), x = 2, ŷ = 1", async () => {
  // r = 2.5 (see toyGradient). H11 = 2x²w2² = 2·4·2.25 = 18, H22 = 2x²w1² = 2·4·0.25 = 2,
  // H12 = 2x²·w1·w2 − 2x·r = 8·(−0.75) − 4·2.5 = −16.
  await assertAllClose(toyHessian(tensor([0.5, -1.5]), 2, 1), [[18, -16], [-16, 2]], {
    where: "toyHessian(w = (0.5, −1.5), x = 2, ŷ = 1)",
    mistakes: [{
      name: "toy Hessian without the product rule",
      explanation: "H12 = 2x²·w1·w2 − 2x·r: the −2x·r term comes from differentiating r·w2 by w2",
      values: [[18, -6], [-6, 2]],
    }, {
      name: "toy Hessian with x instead of x² on the diagonal",
      explanation: "∂/∂w1 of −2x·r·w2 is −2x·w2·∂r/∂w1 = −2x·w2·(−w2·x) = 2x²·w2²: x twice",
      values: [[9, -16], [-16, 2]],
    }],
  });
});

test("numericalGradient() agrees with toyGradient() and with a gradient worked out by hand", async () => {
  for (
    const [w, x, yHat] of [[[0.5, -1.5], 2, 1], [[1.2, 0.3], 1, 1], [[-0.7, 2], 0.5, -1]] as const
  ) {
    const numeric = numericalGradient((t) => toyLoss(t, x, yHat), tensor([...w]));
    await assertAllClose(numeric, toyGradient(tensor([...w]), x, yHat), {
      where: `numericalGradient(toyLoss) vs toyGradient() at w = (${w}), x = ${x}, ŷ = ${yHat}`,
      looseness: FINITE_DIFFERENCE,
      hint: "both must agree: if toyGradient() passed its own case, look at numericalGradient()",
    });
  }
  // L(θ) = Σ_i c_i·exp(θ_i) + (θ0·θ1)². By hand: ∂L/∂θ_i = c_i·exp(θ_i) plus, from
  // the product, 2θ0·θ1² for i = 0 and 2θ0²·θ1 for i = 1.
  // (TensorFlow.js's tf.grad would be an autodiff oracle, but tfjs-core alone
  // registers no gradient kernels, so the reference is this closed form.)
  const c = [0.5, 2, -1];
  const theta = [0.4, -1.2, 0.8];
  const ours = numericalGradient(
    (t) =>
      t.exp().mul(tensor(c)).sum().add(t.slice([0], [1]).mul(t.slice([1], [1])).square().sum()),
    tensor(theta),
  );
  const [t0, t1] = theta;
  const byHand = theta.map((t, i) =>
    c[i] * Math.exp(t) + [2 * t0 * t1 ** 2, 2 * t0 ** 2 * t1, 0][i]
  );
  await assertAllClose(ours, byHand, {
    where: "numericalGradient(Σc·exp(θ) + (θ0·θ1)², θ = [0.4, −1.2, 0.8])",
    looseness: FINITE_DIFFERENCE,
  });
});

test("numericalHessian() of the quadratic ½θᵀAθ + bᵀθ is A", async () => {
  const hessian = numericalHessian(quadratic("float64"), tensor(THETA, { dtype: "float64" }));
  check(
    hessian.shape.join() === "3,3" && hessian.dtype === "float64",
    `numericalHessian() of a [3] float64 θ: expected a [3,3] float64 matrix, got [${hessian.shape}] ${hessian.dtype}`,
  );
  await assertAllClose(hessian, A, {
    where: "numericalHessian(½θᵀAθ + bᵀθ, θ = [0.5, −1, 2]), float64",
    looseness: FINITE_DIFFERENCE,
    mistakes: [{
      name: "dividing by h instead of 2h",
      explanation: "both the gradient and its own difference span 2h: divide each by 2h",
      values: A.map((row) => row.map((a) => 2 * a)),
    }],
  });
}, { dtype: "float64" });

test("numericalHessian() of the toy loss at the origin is [[0, −2], [−2, 0]], in float32", async () => {
  const hessian = numericalHessian((w) => toyLoss(w), tensor([0, 0]));
  await assertAllClose(hessian, [[0, -2], [-2, 0]], {
    where: "numericalHessian(toyLoss, w = (0, 0)), float32, default h",
    looseness: FINITE_DIFFERENCE,
    hint: "column j = (g(θ + h_j·e_j) − g(θ − h_j·e_j)) / 2h_j, with g from numericalGradient()",
  });
  const elsewhere = numericalHessian((w) => toyLoss(w, 2, 1), tensor([0.5, -1.5]));
  await assertAllClose(elsewhere, toyHessian(tensor([0.5, -1.5]), 2, 1), {
    where: "numericalHessian(toyLoss) vs toyHessian() at w = (0.5, −1.5), x = 2, ŷ = 1",
    looseness: FINITE_DIFFERENCE,
  });
});

test("numericalHessian() is exactly symmetric, bit for bit, on a function without symmetry", async () => {
  // L(θ) = exp(θ0·θ1) + θ1·θ2³ + θ0²·exp(−θ2): its Hessian is symmetric in exact
  // arithmetic, but differences taken in a different order round differently.
  const loss: Loss = (t) => {
    const [a, b, c] = [t.slice([0], [1]), t.slice([1], [1]), t.slice([2], [1])];
    return a.mul(b).exp().add(b.mul(c.square().mul(c))).add(a.square().mul(c.neg().exp())).reshape(
      [],
    );
  };
  for (const theta of [[0.3, -0.8, 1.1], [1.7, 0.2, -0.6]]) {
    const hessian = await numericalHessian(loss, tensor(theta)).array() as number[][];
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 3; j++) {
        check(
          hessian[i][j] === hessian[j][i],
          `numericalHessian() at θ = [${theta}]: H[${i}][${j}] = ${
            hessian[i][j]
          } but H[${j}][${i}] = ${hessian[j][i]}; expected them equal bit for bit.\n` +
            "Likely mistake — Hessian not symmetrised: the two entries come from differences taken in a different " +
            "order; return (J + Jᵀ)/2, which is exactly symmetric",
        );
      }
    }
  }
});

test("stretch: numericalGradient()'s default h depends on the dtype: float32 needs a far larger step than float64", async () => {
  // Central differences trade truncation (≈ h²) against round-off (≈ ε·|L|/h);
  // the sum is smallest near h = ∛ε: 4.9e-3 for float32, 6.1e-6 for float64.
  // With float64's step, float32 round-off is magnified about 800×.
  const expected = smoothGradient(SMOOTH_AT);
  const float64Step = numericalGradient(smooth, tensor(SMOOTH_AT), CBRT_EPS64);
  const float64StepError = maxRelativeError(await values(float64Step), expected);
  const byDefault = numericalGradient(smooth, tensor(SMOOTH_AT));
  const defaultError = maxRelativeError(await values(byDefault), expected);
  await assertAllClose(byDefault, expected, {
    where: "numericalGradient(exp(θ0) + θ0·θ1³ + θ0·exp(−θ1), θ = [0.3, −0.7]), float32, default h",
    looseness: FINITE_DIFFERENCE,
    mistakes: [{
      name: "float64's step for every dtype",
      explanation: `the default step must come from θ's dtype: ∛(2⁻²³) ≈ ${
        CBRT_EPS32.toPrecision(2)
      } for float32, ∛(2⁻⁵²) ≈ ${CBRT_EPS64.toPrecision(2)} for float64`,
      values: await values(float64Step),
    }],
  });
  check(
    float64StepError > 5e-3 && float64StepError > 30 * defaultError,
    `numericalGradient() in float32 with h = ${CBRT_EPS64.toPrecision(2)} (float64's step): ` +
      `expected a visibly wrong gradient (relative error > 5e-3 and > 30× the default's ${
        defaultError.toPrecision(2)
      }), got ${float64StepError.toPrecision(2)}.\n` +
      "An explicit h must be used as given, the same for every component",
  );
});

test(
  "stretch: the central-difference error falls like h² until round-off takes over (float64)",
  async () => {
    const expected = smoothGradient(SMOOTH_AT);
    const theta = tensor(SMOOTH_AT, { dtype: "float64" });
    const errorsAt = async (h: number) => {
      const g = await values(numericalGradient(smooth, theta, h));
      return g.map((x, i) => Math.abs(x - expected[i]));
    };
    const errorAt = async (h: number) => Math.max(...await errorsAt(h));
    const [coarseAll, fineAll] = [await errorsAt(1e-2), await errorsAt(1e-3)];
    const [coarse, fine, tiny] = [
      Math.max(...coarseAll),
      Math.max(...fineAll),
      await errorAt(1e-10),
    ];
    const ratio = coarse / fine;
    // Forward differences are O(h) in every component; a θ moved in place by
    // earlier components leaves component 0 exact: name forward only when
    // component 0 falls like h too.
    const ratio0 = coarseAll[0] / fineAll[0];
    const forward = ratio > 5 && ratio < 20 && ratio0 > 5 && ratio0 < 20;
    check(
      ratio > 50 && ratio < 200,
      `numericalGradient() error at h = 1e-2 is ${coarse.toPrecision(3)}, at h = 1e-3 ${
        fine.toPrecision(3)
      }: ratio ${ratio.toPrecision(3)}, expected ≈ 100 (error ∝ h²).\n` +
        (forward
          ? "Likely mistake — forward instead of central differences: its error falls like h (ratio 10); " +
            "use (L(θ + h·e_i) − L(θ − h·e_i)) / 2h"
          : "Check the formula (L(θ + h·e_i) − L(θ − h·e_i)) / 2h"),
    );
    check(
      tiny > 100 * (await errorAt(1e-5)),
      `numericalGradient() with h = 1e-10: expected round-off to make the error far larger than at h = 1e-5, got ${
        tiny.toPrecision(3)
      }. Use h exactly as given`,
    );
  },
  { dtype: "float64" },
);

test(
  "taylorApproximation() is exact on a quadratic, where L(θ) = L(θ') + vᵀg + ½vᵀHv",
  async () => {
    // With v = θ − θ', θ' = [0.5, −1, 2], θ = [1, 0, −1]: v = [0.5, 1, −3].
    // L(θ) = ½θᵀAθ + bᵀθ at θ = [1, 0, −1]: Aθ = [2, 2, −4], ½θᵀAθ = ½(2 + 4) = 3,
    // bᵀθ = 1 − 0.5 = 0.5, so L(θ) = 3.5. Without the ½: 3.5 + ½vᵀAv, where
    // Av = [2, 6.5, −13], vᵀAv = 1 + 6.5 + 39 = 46.5, so 3.5 + 23.25 = 26.75.
    const approximation = taylorApproximation(
      quadratic("float64"),
      tensor(THETA, { dtype: "float64" }),
      tensor([1, 0, -1], { dtype: "float64" }),
    );
    check(
      approximation.rank === 0,
      `taylorApproximation(): expected a 0-d tensor, got shape [${approximation.shape}]`,
    );
    await assertAllClose(approximation, 3.5, {
      where: "taylorApproximation(½θᵀAθ + bᵀθ, θ' = [0.5, −1, 2], θ = [1, 0, −1])",
      looseness: FINITE_DIFFERENCE,
      mistakes: [
        {
          name: "Taylor without the ½",
          explanation: "the second-order term is ½(θ − θ')ᵀH(θ − θ'), with the ½",
          values: 26.75,
        },
        {
          name: "Taylor with v = θ' − θ",
          explanation:
            "expand around θ' with v = θ − θ': the first-order term flips sign otherwise",
          // The first-order term flips: 3.5 − 2·vᵀg, with vᵀg = 0.5 − 6.5 − 28.5 = −34.5.
          values: 3.5 + 2 * 34.5,
        },
        {
          name: "Taylor without the first-order term",
          explanation:
            "(θ − θ')ᵀg vanishes only at a critical point; away from one it is the main term: L(θ') + vᵀg + ½vᵀHv",
          values: 3.5 + 34.5,
        },
      ],
    });
  },
  { dtype: "float64" },
);

test("taylorApproximation() of the toy loss around the saddle (0, 0) is 1 − 2·v1·v2", async () => {
  // At θ' = (0, 0): L = 1, g = 0, H = [[0, −2], [−2, 0]], so L ≈ 1 + ½vᵀHv = 1 − 2·v1·v2.
  // v = (0.3, 0.2): 1 − 0.12 = 0.88 (the true loss is (1 − 0.06)² = 0.8836).
  // v = (0.3, −0.2): 1 + 0.12 = 1.12: along v1 = −v2 the loss goes UP, along v1 = v2 DOWN.
  // A doubled Hessian (a gradient divided by h, not 2h) gives the same numbers as
  // a missing ½: name the ½ only when numericalHessian() is right here.
  const hessian = await values(numericalHessian((w) => toyLoss(w), tensor([0, 0])));
  const hessianRight = [0, -2, -2, 0].every((x, i) => Math.abs(hessian[i] - x) < 1e-2);
  for (
    const [v, expected, without] of [[[0.3, 0.2], 0.88, 0.76], [[0.3, -0.2], 1.12, 1.24]] as const
  ) {
    const approximation = taylorApproximation((w) => toyLoss(w), tensor([0, 0]), tensor([...v]));
    await assertAllClose(approximation, expected, {
      where: `taylorApproximation(toyLoss, θ' = (0, 0), θ = (${v}))`,
      looseness: FINITE_DIFFERENCE,
      mistakes: hessianRight
        ? [{
          name: "Taylor without the ½",
          explanation: "½(θ − θ')ᵀH(θ − θ'): at the saddle that is −2·v1·v2, not −4·v1·v2",
          values: without,
        }]
        : [],
      hint: hessianRight
        ? undefined
        : `numericalHessian(toyLoss, (0, 0)) gave [${
          hessian.map((x) => x.toPrecision(3))
        }], not [0, −2, −2, 0]: fix it first`,
    });
  }
});

test(
  "taylorApproximation() of the toy loss is off by O(|θ − θ'|³): halving the distance divides the error by 8",
  async () => {
    // The toy loss is a polynomial of degree 4; the second-order expansion leaves
    // out its third- and fourth-order terms, so the error falls like d³.
    const thetaPrime = [0.8, -0.4];
    const direction = [0.6, 0.8];
    const errorAt = async (d: number) => {
      const theta = thetaPrime.map((x, i) => x + d * direction[i]);
      const approximation = await taylorApproximation(
        (w) => toyLoss(w),
        tensor(thetaPrime, { dtype: "float64" }),
        tensor(theta, { dtype: "float64" }),
      ).item();
      return Math.abs(approximation - (1 - theta[0] * theta[1]) ** 2);
    };
    const [far, near] = [await errorAt(0.1), await errorAt(0.05)];
    const ratio = far / near;
    check(
      ratio > 6 && ratio < 10,
      `taylorApproximation(toyLoss, θ' = (0.8, −0.4)): error ${
        far.toPrecision(3)
      } at distance 0.1, ${near.toPrecision(3)} at 0.05, ratio ${
        ratio.toPrecision(3)
      }; expected ≈ 8 (error ∝ d³).\n` +
        (ratio > 3 && ratio < 5
          ? "An error ∝ d² (halving d divides it by 4) means the second-order term is off: " +
            "it is ½(θ − θ')ᵀH(θ − θ'), with H at θ'"
          : "Use L(θ') + (θ − θ')ᵀg + ½(θ − θ')ᵀH(θ − θ') with g and H at θ'"),
    );
  },
  { dtype: "float64" },
);

test("stretch: the default step grows with |θ_i|: h_i = ∛ε·max(1, |θ_i|) keeps Σθ² right at θ = [3000, −2000, 0]", async () => {
  // Σθ² at θ = [3000, −2000, 0] is 1.3e7; float32 stores it with an error of about
  // 1.2e-7·1.3e7 ≈ 1.6. With h = 4.9e-3 that round-off, divided by 2h, is ±160 on
  // a gradient of 6000 (measured: 5892); with h = 4.9e-3·3000 ≈ 15 it is ±0.05.
  // At θ_i = 0 the step is ∛ε·max(1, 0) = ∛ε, not 0.
  const theta = [3000, -2000, 0];
  const sumOfSquares: Loss = (t) => t.square().sum();
  const gradient = await values(numericalGradient(sumOfSquares, tensor(theta)));
  const nanAtZero = gradient.map((g, i) => Number.isNaN(g) === (theta[i] === 0));
  check(
    !(gradient.some(Number.isNaN) && nanAtZero.every(Boolean)),
    `numericalGradient(Σθ², θ = [3000, −2000, 0]): got [${gradient}], NaN exactly where θ_i = 0.\n` +
      "Likely mistake — the step scaled by |θ_i| instead of max(1, |θ_i|): at θ_i = 0 that step is 0, and 0/0 is NaN; " +
      "h_i = ∛ε·max(1, |θ_i|)",
  );
  await assertAllClose(gradient, [6000, -4000, 0], {
    where: "numericalGradient(Σθ², θ = [3000, −2000, 0]), float32, default h",
    looseness: FINITE_DIFFERENCE,
    mistakes: [{
      name: "the default step not scaled by max(1, |θ_i|)",
      explanation:
        "a fixed h = ∛ε is lost in the rounding of a large θ_i: scale it, h_i = ∛ε·max(1, |θ_i|)",
      values: await values(numericalGradient(sumOfSquares, tensor(theta), CBRT_EPS32)),
    }],
  });
});

test(
  "stretch: in float64 the default step is ∛(2⁻⁵²) ≈ 6.1e-6: the gradient of a smooth function to about 1e-9",
  async () => {
    // Truncation h²·L‴/6 ≈ 6e-12 and round-off ε·|L|/h ≈ 4e-11 at h = 6.1e-6; with
    // float32's h = 4.9e-3 the truncation alone is about 4e-6.
    const theta = tensor(SMOOTH_AT, { dtype: "float64" });
    const gradient = numericalGradient(smooth, theta);
    await assertAllClose(gradient, smoothGradient(SMOOTH_AT), {
      where:
        "numericalGradient(exp(θ0) + θ0·θ1³ + θ0·exp(−θ1), θ = [0.3, −0.7]), float64, default h",
      looseness: 1e3,
      mistakes: [{
        name: "float32's step for every dtype",
        explanation: `the default step must come from θ's dtype: ∛(2⁻⁵²) ≈ ${
          CBRT_EPS64.toPrecision(2)
        } for float64; ${CBRT_EPS32.toPrecision(2)} leaves a truncation error of about 1e-6`,
        values: await values(numericalGradient(smooth, theta, CBRT_EPS32)),
      }],
    });
  },
  { dtype: "float64" },
);

test(
  "stretch: numericalHessian()'s default step is ε^¼ (1.2e-4 in float64), not the gradient's ∛ε",
  async () => {
    // L(θ) = exp(θ0) + θ0·θ1³ + θ0·exp(−θ1): H00 = exp(θ0), H01 = 3θ1² − exp(−θ1),
    // H11 = 6θ0·θ1 + θ0·exp(−θ1). Dividing twice by a step magnifies round-off by
    // ε/h²: measured at θ = [0.3, −0.7], relative error 7e-9 with ε^¼, 3e-6 with ∛ε.
    const [t0, t1] = SMOOTH_AT;
    const h01 = 3 * t1 ** 2 - Math.exp(-t1);
    const expected = [[Math.exp(t0), h01], [h01, 6 * t0 * t1 + t0 * Math.exp(-t1)]];
    const theta = tensor(SMOOTH_AT, { dtype: "float64" });
    await assertAllClose(numericalHessian(smooth, theta), expected, {
      where:
        "numericalHessian(exp(θ0) + θ0·θ1³ + θ0·exp(−θ1), θ = [0.3, −0.7]), float64, default h",
      looseness: 1e2,
      mistakes: [{
        name: "the gradient's step ∛ε for the Hessian too",
        explanation:
          "a second difference divides round-off by h², so its best step is larger: ε^¼·max(1, |θ_j|)",
        values: await numericalHessian(smooth, theta, CBRT_EPS64).array() as number[][],
      }],
    });
  },
  { dtype: "float64" },
);

test("bad input is refused with a clear error naming the function and the value", async () => {
  const theta = tensor([1, 2]);
  await assertRefuses(
    "numericalGradient(f returning a [2] tensor)",
    () => numericalGradient((t) => t.mul(2), theta),
    ShapeError,
    /^Cannot take a numerical gradient: f returned shape \[2\], not a 0-d tensor/,
    "Evaluate f with lossAt() (a worked example), which checks that L(θ) is one number",
  );
  await assertRefuses(
    "numericalGradient(f, int32 θ)",
    () => numericalGradient((t) => t.sum(), tensor([1, 2], { dtype: "int32" })),
    DtypeError,
    /^Cannot take a numerical gradient: θ has dtype int32/,
    "Call checkPoint(theta, h, action) (a worked example) first",
  );
  await assertRefuses(
    "numericalGradient(f, θ, 0)",
    () => numericalGradient((t) => t.sum(), theta, 0),
    ValueError,
    /^Cannot take a numerical gradient: h 0 is not a positive finite number/,
    "Call checkPoint(theta, h, action) (a worked example) first",
  );
  await assertRefuses(
    "numericalHessian(f, θ, −1)",
    () => numericalHessian((t) => t.sum(), theta, -1),
    ValueError,
    /^Cannot take a numerical Hessian: h -1 is not a positive finite number/,
    "Call checkPoint(theta, h, action) (a worked example) first",
  );
  await assertRefuses(
    "taylorApproximation(f, θ' [2], θ [3])",
    () => taylorApproximation((t) => t.sum(), theta, tensor([1, 2, 3])),
    ShapeError,
    /^Cannot take a Taylor approximation: θ' is \[2\] float32 and θ is \[3\] float32/,
    "θ and θ' must have the same shape and dtype",
  );
  await assertRefuses(
    "toyGradient(w [3])",
    () => toyGradient(tensor([1, 2, 3])),
    ShapeError,
    /^Cannot take the toy gradient: w has shape \[3\], not \[2\]/,
    "Split w with toyWeights(w, x, yHat, action) (a worked example)",
  );
  await assertRefuses(
    "toyHessian(w, x = NaN)",
    () => toyHessian(theta, NaN),
    ValueError,
    /^Cannot take the toy Hessian: x NaN and ŷ 1 must be finite numbers/,
    "Split w with toyWeights(w, x, yHat, action) (a worked example)",
  );
});

// The library's reverse-mode autodiff, grad(f), computes the same gradient exactly
// (up to float rounding) with one backward pass instead of 2n evaluations of L. The
// katas from 09 on use it for whole networks; here your numericalGradient() checks it,
// the way practitioners test a hand-written backward pass ("gradient checking").
test("numericalGradient() agrees with the library's grad() on the toy network and on an MLP loss", async () => {
  // The toy network written with library ops (not your toyLoss): L = (ŷ − w1·w2·x)².
  const toy = (x: number, yHat: number): Loss => (w) =>
    w.slice([0], [1]).mul(w.slice([1], [1])).mul(-x).add(yHat).square().sum();
  for (
    const [w, x, yHat] of [[[0.5, -1.5], 2, 1], [[0.3, 0.8], 1, 1], [[-1, 2], 0.5, -1]] as const
  ) {
    const f = toy(x, yHat);
    const at = tensor([...w]);
    await assertAllClose(numericalGradient(f, at), grad(f)(at), {
      where: `numericalGradient(toy loss, w = (${w}), x = ${x}, ŷ = ${yHat}) against grad()`,
      looseness: FINITE_DIFFERENCE,
    });
  }
  // A small MLP (3 → 5 → 2, tanh) with a squared-error loss on 4 examples: θ has 32 entries.
  const net = mlp({ sizes: [3, 5, 2], activation: "tanh", rng: new Rng(1) });
  const X = tensor([[0.5, -1, 0.2], [1, 0.3, -0.4], [-0.7, 0.1, 0.9], [0.2, 0.2, 0.2]]);
  const Y = tensor([[1, 0], [0, 1], [1, 1], [0, 0]]);
  const mlpLoss: Loss = (theta) => net.forward(theta, X).sub(Y).square().mean();
  const theta = net.init();
  await assertAllClose(numericalGradient(mlpLoss, theta), grad(mlpLoss)(theta), {
    where:
      `numericalGradient(squared error of an MLP 3→5→2, θ of ${net.parameterCount} entries) against grad()`,
    looseness: FINITE_DIFFERENCE,
  });
});
