// Kata 01 hidden cases: graded, never released. Written as if this file sat in
// katas/01_gradient_hessian/ (it imports ./gradient_hessian.ts): run here it checks the reference
// (`deno test -A solutions/01_gradient_hessian/hidden_test.ts`); the grader copies it next
// to a submission's code. Written against SPEC §6, not against the public suite,
// to catch what a suite that is still changing may let through. What students
// see of a failure: ./hidden.json.
import {
  numericalGradient,
  numericalHessian,
  taylorApproximation,
  toyGradient,
  toyHessian,
  toyLoss,
} from "./gradient_hessian.ts";
import { type Tensor, tensor } from "../../lib/mod.ts";
import { assertAllClose, check, defineKata } from "../../lib/testing/mod.ts";

const test = defineKata(1);
const f64 = { dtype: "float64" } as const;
const vector = (values: number[]) => tensor(values, { dtype: "float64" });

test(
  "numericalGradient() of Σθ³ at [1, −2] is [3, 12] (central differences, float64)",
  async () => {
    const f = (theta: Tensor) => theta.mul(theta).mul(theta).sum();
    await assertAllClose(numericalGradient(f, vector([1, -2])), [3, 12], {
      where: "numericalGradient(Σθ³) at [1, −2]",
      dtype: "float64",
      looseness: 100,
    });
  },
  f64,
);

test("numericalGradient() scales its step with |θ_i|: exact enough at θ = 1e6", async () => {
  // L = θ², g = 2θ = 2e6. Central differences are exact for a quadratic, so the
  // only error is round-off: θ ± h is rounded to θ's spacing (about 1.2e-10 at
  // 1e6). A fixed h near 6e-6 loses about 2e-5 of it; h scaled by |θ| does not.
  const f = (theta: Tensor) => theta.mul(theta).sum();
  await assertAllClose(numericalGradient(f, vector([1e6])), [2e6], {
    where: "numericalGradient(θ²) at θ = 1e6",
    dtype: "float64",
    looseness: 100,
  });
}, f64);

test("numericalHessian() of θ₀²θ₁ at [1, 2] is [[4, 2], [2, 0]], symmetric", async () => {
  // ∂²/∂θ₀² = 2θ₁ = 4, ∂²/∂θ₀∂θ₁ = 2θ₀ = 2, ∂²/∂θ₁² = 0.
  const f = (theta: Tensor) => {
    const [a, b] = [theta.gather([0]), theta.gather([1])];
    return a.mul(a).mul(b).sum();
  };
  const hessian = numericalHessian(f, vector([1, 2]));
  await assertAllClose(hessian, [[4, 2], [2, 0]], {
    where: "numericalHessian(θ₀²θ₁) at [1, 2]",
    dtype: "float64",
    looseness: 1e4,
  });
  const values = [...await hessian.data()];
  check(
    values[1] === values[2],
    `the Hessian must be exactly symmetric: ${values[1]} ≠ ${values[2]}`,
  );
}, f64);

test("taylorApproximation() is exact for a quadratic, far from θ'", async () => {
  // L = θ₀² + 3θ₀θ₁ − θ₁² + 2θ₀: second order, so the expansion at θ' = [1, 1]
  // gives L itself at θ = [4, −3]: 16 − 36 − 9 + 8 = −21.
  const f = (theta: Tensor) => {
    const [a, b] = [theta.gather([0]), theta.gather([1])];
    return a.mul(a).add(a.mul(b).mul(3)).sub(b.mul(b)).add(a.mul(2)).sum();
  };
  await assertAllClose(taylorApproximation(f, vector([1, 1]), vector([4, -3])), -21, {
    where: "taylorApproximation() of a quadratic at θ = [4, −3], θ' = [1, 1]",
    dtype: "float64",
    looseness: 1e5,
    mistakes: [{
      name: "the ½ of the quadratic term left out",
      explanation: "L(θ') + (θ−θ')ᵀg + ½(θ−θ')ᵀH(θ−θ')",
      // L(θ') = 5, g = [7, 1], d = [3, −4]: dᵀg = 17, dᵀHd = 2·9 + 2·3·(−12) − 2·16 = −86.
      values: [5 + 17 - 86],
    }],
  });
}, f64);

test(
  "toyGradient() and toyHessian() use x: w = [2, 3], x = 2, ŷ = 1 (worked by hand)",
  async () => {
    // y = w₁w₂x = 12, r = ŷ − y = −11, L = 121.
    // ∂L/∂w₁ = −2r·w₂x = 132, ∂L/∂w₂ = −2r·w₁x = 88.
    // ∂²L/∂w₁² = 2(w₂x)² = 72, ∂²L/∂w₂² = 2(w₁x)² = 32, ∂²L/∂w₁∂w₂ = −2(r·x − w₁w₂x²) = 92.
    const w = vector([2, 3]);
    await assertAllClose(toyLoss(w, 2, 1), 121, { where: "toyLoss(w, 2, 1)", dtype: "float64" });
    await assertAllClose(toyGradient(w, 2, 1), [132, 88], {
      where: "toyGradient(w, 2, 1)",
      dtype: "float64",
    });
    await assertAllClose(toyHessian(w, 2, 1), [[72, 92], [92, 32]], {
      where: "toyHessian(w, 2, 1)",
      dtype: "float64",
    });
  },
  f64,
);
