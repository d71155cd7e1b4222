// Kata 02 hidden cases: graded, never released. Written as if this file sat in
// katas/02_critical_points/ (it imports ./critical_points.ts): run here it checks the reference
// (`deno test -A solutions/02_critical_points/hidden_test.ts`); the grader copies it next
// to a submission's code. Written against SPEC §6, not against the public suite,
// to catch what a suite that is still changing may let through. What students
// see of a failure: ./hidden.json.
import {
  classifyCriticalPoint,
  escapeDirection,
  isCriticalPoint,
  minimumRatio,
} from "./critical_points.ts";
import { tensor } from "../../lib/mod.ts";
import { assertAllClose, check, defineKata } from "../../lib/testing/mod.ts";

const test = defineKata(2);

test("classifyCriticalPoint() judges zero RELATIVE to the largest eigenvalue", async () => {
  // Eigenvalues 1e6 and 1e-3 with tol 1e-6: |1e-3| ≤ 1e-6·1e6 = 1 counts as zero:
  // degenerate. An absolute tolerance would call it a local minimum.
  const kind = await classifyCriticalPoint(tensor([[1e6, 0], [0, 1e-3]]));
  check(
    kind === "degenerate",
    `diag(1e6, 1e-3): expected "degenerate" (|λ| ≤ tol·max(1, max|λ|)), got "${kind}"`,
  );
});

test("classifyCriticalPoint(): eigenvalues of both signs make a saddle even beside a zero one", async () => {
  const kind = await classifyCriticalPoint(tensor([[2, 0, 0], [0, 0, 0], [0, 0, -3]]));
  check(kind === "saddle-point", `diag(2, 0, −3): expected "saddle-point", got "${kind}"`);
});

test("classifyCriticalPoint() reads eigenvalues, not the diagonal: [[-1, 3], [3, -1]] is a saddle", async () => {
  // Eigenvalues −1 ± 3 = 2 and −4: a negative diagonal, yet one direction goes up.
  const kind = await classifyCriticalPoint(tensor([[-1, 3], [3, -1]]));
  check(kind === "saddle-point", `[[−1, 3], [3, −1]]: expected "saddle-point", got "${kind}"`);
  const maximum = await classifyCriticalPoint(tensor([[-2, 1], [1, -2]]));
  check(maximum === "local-maximum", `[[−2, 1], [1, −2]] (λ = −1, −3): got "${maximum}"`);
});

test("escapeDirection() takes the MOST negative eigenvalue's unit eigenvector, first entry positive", async () => {
  // [[−1, 0, 0], [0, −5, 0], [0, 0, 2]]: λ = −5 along e₂ (the least negative, −1, lowers L less).
  const direction = await escapeDirection(
    tensor([[-1, 0, 0], [0, -5, 0], [0, 0, 2]]),
  );
  check(direction !== null, "expected a direction: two eigenvalues are negative");
  await assertAllClose(direction, [0, 1, 0], { where: "escapeDirection() of diag(−1, −5, 2)" });
  // [[0, 1], [1, 0]]: λ = −1 along (1, −1)/√2, sign fixed so the first entry is positive.
  const rotated = await escapeDirection(tensor([[0, 1], [1, 0]]));
  check(rotated !== null, "expected a direction: λ = −1");
  await assertAllClose(rotated, [Math.SQRT1_2, -Math.SQRT1_2], {
    where: "escapeDirection() of [[0, 1], [1, 0]]",
  });
  check(
    await escapeDirection(tensor([[2, 0], [0, 3]])) === null,
    "no negative eigenvalue: escapeDirection() must return null",
  );
});

test("minimumRatio() counts only positive eigenvalues; isCriticalPoint() takes the largest |g_i|", async () => {
  // diag(1, 2, −1, 0): 2 positive of 4 (zero is not positive).
  const ratio = await minimumRatio(
    tensor([[1, 0, 0, 0], [0, 2, 0, 0], [0, 0, -1, 0], [0, 0, 0, 0]]),
  );
  check(
    Math.abs(ratio - 0.5) < 1e-12,
    `minimumRatio(diag(1, 2, −1, 0)): expected 0.5, got ${ratio}`,
  );
  check(
    !(await isCriticalPoint(tensor([1e-7, -2e-6]))),
    "isCriticalPoint([1e-7, −2e-6]): |−2e-6| > 1e-6, so not critical (the sign must not matter)",
  );
  check(await isCriticalPoint(tensor([1e-7, -5e-7])), "isCriticalPoint([1e-7, −5e-7]) is critical");
});

test(
  "the tolerance: ≤ at the threshold, max(1, ·) below 1, and tol reaches every function",
  async () => {
    // Eigenvalues 1e-7 and 5e-8 are below 1: the threshold is tol·max(1, 1e-7) = 1e-6,
    // so both count as zero (without max(1, ·) it would be 1e-13 and both positive).
    const tiny = await classifyCriticalPoint(tensor([[1e-7, 0], [0, 5e-8]], { dtype: "float64" }));
    check(tiny === "degenerate", `diag(1e-7, 5e-8): expected "degenerate", got "${tiny}"`);
    // |λ| = tol exactly counts as zero (≤, not <).
    const edge = await classifyCriticalPoint(
      tensor([[1, 0], [0, 0.25]], { dtype: "float64" }),
      0.25,
    );
    check(
      edge === "degenerate",
      `diag(1, 0.25) with tol 0.25: expected "degenerate", got "${edge}"`,
    );
    check(
      await isCriticalPoint(tensor([0.5, -0.25], { dtype: "float64" }), 0.5),
      "isCriticalPoint([0.5, −0.25], 0.5): |g| = tol is critical (≤)",
    );
    // tol honoured: with tol 1e-3, 1e-4 is zero.
    const coarse = await classifyCriticalPoint(tensor([[1, 0], [0, 1e-4]]), 1e-3);
    check(
      coarse === "degenerate",
      `diag(1, 1e-4) with tol 1e-3: expected "degenerate", got "${coarse}"`,
    );
    const ratio = await minimumRatio(tensor([[1, 0], [0, 1e-4]]), 1e-3);
    check(
      Math.abs(ratio - 0.5) < 1e-12,
      `minimumRatio(diag(1, 1e-4), 1e-3): expected 0.5, got ${ratio}`,
    );
  },
  { dtype: "float64" },
);
