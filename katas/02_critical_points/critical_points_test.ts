// Kata 02 suite: the second-order test at a critical point, on Hessians whose
// eigenvalues and eigenvectors are worked out by hand, then the lecture's toy
// network (from kata 01) and its saddle at the origin.
// Run: deno test katas/02_critical_points
import {
  classifyCriticalPoint,
  type CriticalPointKind,
  curvature,
  eigenvalueSigns,
  escapeDirection,
  isCriticalPoint,
  minimumRatio,
} from "./critical_points.ts";
import {
  numericalHessian,
  toyGradient,
  toyHessian,
  toyLoss,
} from "../01_gradient_hessian/gradient_hessian.ts";
import {
  type DType,
  DtypeError,
  eigh,
  hvp,
  type Optimizer,
  runOptimizer,
  ShapeError,
  stack,
  type Tensor,
  tensor,
  ValueError,
} from "../../lib/mod.ts";
import {
  assertAllClose,
  assertClose,
  assertRefuses,
  check,
  defineKata,
  type KnownMistake,
  prerequisite,
} from "../../lib/testing/mod.ts";

const test = defineKata(2);

// Two cases use kata 01's toy network; they wait ("solve kata 01 first") until
// its functions give the values worked by hand for L(w) = (1 − w1·w2)²: at
// (1, 2), L = 1 and g = (−2(1 − 2)·2, −2(1 − 2)·1) = (4, 2); at the origin
// H = [[0, −2], [−2, 0]], numerically to about 1e-4.
const close = (a: number[], b: number[], tol: number) =>
  a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) <= tol);
const kata01 = await prerequisite(1, async () => {
  const at = tensor([1, 2], { dtype: "float64" });
  const origin = tensor([0, 0], { dtype: "float64" });
  const hessian = [0, -2, -2, 0];
  return Math.abs(await toyLoss(at).item() - 1) < 1e-12 &&
    close([...await toyGradient(at).data()], [4, 2], 1e-12) &&
    close([...await toyHessian(origin).data()], hessian, 1e-12) &&
    close([...await numericalHessian((w) => toyLoss(w), origin).data()], hessian, 1e-3);
});

/** A wrong classification a learner is likely to produce, and what it means. */
interface KindMistake {
  name: string;
  explanation: string;
  kind: CriticalPointKind;
}

const DIAGONAL: Omit<KindMistake, "kind"> = {
  name: "classifying by the diagonal instead of eigenvalues",
  explanation:
    "the diagonal only gives the curvature along the axes; vᵀHv can change sign in other directions. " +
    "Use the signs of H's eigenvalues (spectrum() gives them)",
};
const ZERO_AS_POSITIVE: Omit<KindMistake, "kind"> = {
  name: "treating zero as positive",
  explanation:
    "an eigenvalue with |λ| ≤ tol·max(1, max|λ_j|) is zero: count it apart from the positive ones",
};
const ABSOLUTE: Omit<KindMistake, "kind"> = {
  name: "absolute instead of relative zero tolerance",
  explanation:
    "round-off in H grows with its scale: λ counts as zero when |λ| ≤ tol·max(1, max_j |λ_j|), not |λ| ≤ tol",
};
const STRICT_ZERO: Omit<KindMistake, "kind"> = {
  name: "< instead of ≤ at the zero threshold",
  explanation: "|λ| ≤ tol·max(1, max|λ_j|) is zero, the boundary included: compare with ≤, not <",
};
const NO_MAX_ONE: Omit<KindMistake, "kind"> = {
  name: "the zero threshold without max(1, ·)",
  explanation:
    "for a small H, tol·max|λ_j| shrinks below round-off: the threshold is tol·max(1, max|λ_j|)",
};
const CLASSIFY_TOL_IGNORED: Omit<KindMistake, "kind"> = {
  name: "tol ignored in classifyCriticalPoint()",
  explanation: "pass the caller's tol on to eigenvalueSigns(eigenvalues, tol)",
};
const DEGENERATE_FIRST: Omit<KindMistake, "kind"> = {
  name: "degenerate checked before saddle",
  explanation:
    "eigenvalues of both signs make a saddle even when another is zero: test for both signs first",
};

const SMALLEST_ABS = {
  name: "the eigenvector of the smallest |λ| instead of the most negative λ",
  explanation:
    "the loss falls by ½λ‖u‖² along u: take the most negative eigenvalue (eigh sorts them ascending)",
};
const UNNORMALISED = {
  name: "an unnormalised direction",
  explanation:
    "return the eigenvector divided by its length (a unit vector), not scaled by λ; the caller chooses the step size",
};
const SIGN_IGNORED = {
  name: "the sign convention ignored",
  explanation:
    "eigh may return u or −u; flip the vector when its first NON-ZERO component is negative",
};
const ROW_NOT_COLUMN = {
  name: "a row of the eigenvector matrix instead of a column",
  explanation: "eigh's eigenvectors are the COLUMNS: component k of vector j is eigenvectors[k][j]",
};

/** Classifies `h` (on the case's backend, in `dtype`) and explains a wrong answer. */
async function expectKind(
  h: number[][],
  expected: CriticalPointKind,
  options: { why: string; dtype?: DType; tol?: number; mistakes?: KindMistake[] },
): Promise<void> {
  const args = options.tol === undefined ? "" : `, tol = ${options.tol}`;
  const actual = await classifyCriticalPoint(tensor(h, { dtype: options.dtype }), options.tol);
  // Name a slip only when it is the one slip listed that gives this answer: a
  // name that may be wrong sends the learner to break code that is right.
  const likely = (options.mistakes ?? []).filter((m) => m.kind === actual);
  check(
    actual === expected,
    `classifyCriticalPoint(${
      JSON.stringify(h)
    }${args}): expected "${expected}", got "${actual}". ${options.why}` +
      (likely.length === 1
        ? `\nLikely mistake — ${likely[0].name}: ${likely[0].explanation}`
        : likely.length > 1
        ? "\nMore than one slip gives this answer; the other cases of this kata tell them apart."
        : ""),
  );
}

/** escapeDirection(h), checked non-null, compared with `expected`. */
async function expectDirection(
  h: number[][],
  expected: number[],
  where: string,
  mistakes: KnownMistake[] = [],
): Promise<Tensor> {
  const direction = await escapeDirection(tensor(h));
  check(
    direction !== null,
    `escapeDirection(${JSON.stringify(h)}) (${where}): expected [${
      expected.map((x) => x.toFixed(4))
    }], got null, though H has a negative eigenvalue`,
  );
  await assertAllClose(direction, expected, { where: `escapeDirection(), ${where}`, mistakes });
  return direction;
}

/** u or −u, whichever has its first non-zero component positive. */
function signFixed(u: number[]): number[] {
  const first = u.find((x) => Math.abs(x) > 1e-6) ?? 1;
  return u.map((x) => (first < 0 ? -x : x));
}

/** What eigh itself returns for column j (and row j), before any sign convention. */
async function rawEigenvectors(
  h: number[][],
  j: number,
): Promise<{ column: number[]; row: number[] }> {
  const matrix = await (await eigh(tensor(h))).eigenvectors.array() as number[][];
  return { column: matrix.map((row) => row[j]), row: matrix[j] };
}

test("eigenvalueSigns() counts [−2, 0, 3] as one negative, one zero and one positive", () => {
  const counts = eigenvalueSigns([-2, 0, 3]);
  const wrong = counts.positive === 2 && counts.zero === 0;
  check(
    counts.negative === 1 && counts.zero === 1 && counts.positive === 1,
    `eigenvalueSigns([−2, 0, 3]): expected { positive: 1, negative: 1, zero: 1 }, got ${
      JSON.stringify(counts)
    }.` +
      (wrong ? `\nLikely mistake — ${ZERO_AS_POSITIVE.name}: ${ZERO_AS_POSITIVE.explanation}` : ""),
  );
  // The boundary counts: with max|λ| = 1 the threshold is 1e-6·1 = 1e-6, and |1e-6| ≤ 1e-6.
  const boundary = eigenvalueSigns([1, 1e-6]);
  check(
    boundary.positive === 1 && boundary.zero === 1,
    `eigenvalueSigns([1, 1e-6]): expected { positive: 1, negative: 0, zero: 1 } (|1e-6| ≤ 1e-6·max(1, 1)), got ${
      JSON.stringify(boundary)
    }.` +
      (boundary.positive === 2
        ? `\nLikely mistake — ${STRICT_ZERO.name}: ${STRICT_ZERO.explanation}`
        : ""),
  );
  // max(1, ·): with max|λ| = 0.01 the threshold stays 1e-6·1, so 5e-7 is zero (not 1e-8).
  const small = eigenvalueSigns([0.01, 5e-7]);
  check(
    small.positive === 1 && small.zero === 1,
    `eigenvalueSigns([0.01, 5e-7]): expected { positive: 1, negative: 0, zero: 1 } (threshold 1e-6·max(1, 0.01) = 1e-6), got ${
      JSON.stringify(small)
    }.` +
      (small.positive === 2
        ? `\nLikely mistake — ${NO_MAX_ONE.name}: ${NO_MAX_ONE.explanation}`
        : ""),
  );
  // Relative rule: with max|λ| = 1e7 the threshold is 1e-6·1e7 = 10, so 5 and −1 are zero.
  const scaled = eigenvalueSigns([1e7, 5, -1]);
  check(
    scaled.positive === 1 && scaled.zero === 2 && scaled.negative === 0,
    `eigenvalueSigns([1e7, 5, −1]): expected { positive: 1, negative: 0, zero: 2 } (threshold 1e-6·1e7 = 10), got ${
      JSON.stringify(scaled)
    }.` + (scaled.zero === 0 ? `\nLikely mistake — ${ABSOLUTE.name}: ${ABSOLUTE.explanation}` : ""),
  );
});

test("isCriticalPoint() is true when every |g_i| ≤ tol and false otherwise", async () => {
  const cases: [number[], number | undefined, boolean, string][] = [
    [[0, 0], undefined, true, "g = 0"],
    [[1e-7, -1e-7], undefined, true, "every |g_i| = 1e-7 ≤ 1e-6"],
    [[1e-3, 0], undefined, false, "|g_0| = 1e-3 > 1e-6"],
    [[1e-3, 0], 1e-2, true, "|g_0| = 1e-3 ≤ tol = 1e-2"],
    [[1e-8, -0.5], undefined, false, "|g_1| = 0.5, though the largest ENTRY is 1e-8"],
    [[0.5, -0.25], 0.5, true, "max |g_i| = 0.5 ≤ tol = 0.5: the boundary counts"],
  ];
  for (const [g, tol, expected, why] of cases) {
    const actual = await isCriticalPoint(tensor(g), tol);
    const signIgnored = !expected && actual && g.some((x) => x < -(tol ?? 1e-6));
    const strict = expected && !actual && Math.max(...g.map(Math.abs)) === tol;
    check(
      actual === expected,
      `isCriticalPoint([${g}]${
        tol === undefined ? "" : `, ${tol}`
      }): expected ${expected} (${why}), got ${actual}.` +
        (signIgnored
          ? "\nLikely mistake — max of g instead of max |g|: a large NEGATIVE component is as steep as a positive one; " +
            "take max_i |g_i|"
          : strict
          ? "\nLikely mistake — < instead of ≤ in isCriticalPoint(): max_i |g_i| ≤ tol, the boundary included"
          : "\nA critical point has max_i |g_i| ≤ tol"),
    );
  }
});

test("classifyCriticalPoint() calls a positive definite Hessian a local minimum", async () => {
  // [[2, 1], [1, 2]]: eigenvalues 1 and 3 (eigenvectors [1, −1] and [1, 1]).
  await expectKind([[2, 0], [0, 3]], "local-minimum", { why: "Both eigenvalues are positive" });
  await expectKind([[2, 1], [1, 2]], "local-minimum", {
    why: "Eigenvalues 1 and 3 are both positive",
  });
});

test("classifyCriticalPoint() calls a negative definite Hessian a local maximum", async () => {
  await expectKind([[-2, -1], [-1, -2]], "local-maximum", {
    why: "Eigenvalues −3 and −1 are both negative",
  });
  await expectKind([[-1, 0, 0], [0, -4, 0], [0, 0, -0.5]], "local-maximum", {
    why: "All three eigenvalues are negative",
  });
});

test("classifyCriticalPoint() calls an indefinite Hessian a saddle point, even with a positive diagonal", async () => {
  // [[1, 3], [3, 1]]: det(H − λI) = (1 − λ)² − 9 = 0 → λ = 4 (along [1, 1]) and λ = −2
  // (along [1, −1]). Both diagonal entries are positive, yet vᵀHv = −2 for v = [1, −1]/√2.
  await expectKind([[2, 0], [0, -1]], "saddle-point", {
    why: "Eigenvalues 2 and −1 have both signs",
  });
  await expectKind([[1, 3], [3, 1]], "saddle-point", {
    why: "Eigenvalues 4 and −2 have both signs, although the diagonal [1, 1] is positive",
    mistakes: [{ ...DIAGONAL, kind: "local-minimum" }],
  });
});

test("classifyCriticalPoint() calls a semi-definite Hessian degenerate: a zero eigenvalue is inconclusive", async () => {
  // [[1, 1], [1, 1]]: eigenvalues 0 (along [1, −1]) and 2 (along [1, 1]). Along the
  // zero direction the second-order term is flat and higher-order terms decide.
  await expectKind([[1, 1], [1, 1]], "degenerate", {
    why: "Eigenvalues 0 and 2: no negative one, but a zero one",
    mistakes: [{ ...ZERO_AS_POSITIVE, kind: "local-minimum" }, {
      ...DIAGONAL,
      kind: "local-minimum",
    }],
  });
  await expectKind([[-1, 0], [0, 0]], "degenerate", {
    why: "Eigenvalues −1 and 0: no positive one, but a zero one",
    mistakes: [{ ...ZERO_AS_POSITIVE, kind: "saddle-point" }],
  });
});

test("classifyCriticalPoint() calls eigenvalues of both signs a saddle even when another is zero", async () => {
  await expectKind([[2, 0, 0], [0, 0, 0], [0, 0, -1]], "saddle-point", {
    why:
      "Eigenvalues −1, 0, 2: up along one axis and down along another is a saddle, whatever the flat one does",
    mistakes: [{ ...DEGENERATE_FIRST, kind: "degenerate" }],
  });
});

test("classifyCriticalPoint() counts |λ| ≤ tol·max(1, max|λ_j|) as zero, and honours tol", async () => {
  await expectKind([[1, 0], [0, 1e-9]], "degenerate", {
    why: "|1e-9| ≤ 1e-6·max(1, 1): that eigenvalue is zero",
    mistakes: [{ ...ZERO_AS_POSITIVE, kind: "local-minimum" }],
  });
  await expectKind([[1, 0], [0, 1e-3]], "local-minimum", { why: "1e-3 > 1e-6: clearly positive" });
  await expectKind([[1, 0], [0, 1e-3]], "degenerate", {
    tol: 1e-2,
    why: "with tol = 1e-2, |1e-3| ≤ 1e-2 counts as zero",
    mistakes: [{ ...CLASSIFY_TOL_IGNORED, kind: "local-minimum" }],
  });
  // A large Hessian: max|λ| = 1e8, so the threshold is 1e-6·1e8 = 100 and λ = 50 is zero.
  await expectKind([[1e8, 0], [0, 50]], "degenerate", {
    why: "threshold 1e-6·1e8 = 100, so λ = 50 is round-off at this scale",
    mistakes: [{ ...ABSOLUTE, kind: "local-minimum" }],
  });
});

test("classifyCriticalPoint() gives the same answer for H and 10⁶·H: the zero rule is relative", async () => {
  // [[1, 1], [1, 1 + 2e-7]]: eigenvalues ≈ 1e-7 and 2, a zero one at tol 1e-6 (in
  // float32, 1 + 2e-7 rounds to 1 + 2.4e-7: still ≈ 1.2e-7). Scaling the loss by
  // 10⁶ scales every eigenvalue: ≈ 0.1 and 2·10⁶, still "zero" relative to 2·10⁶.
  // At scale 1 an absolute rule still answers right, so a wrong answer there is
  // another slip; a wrong answer only at 10⁶ is the absolute rule.
  for (const scale of [1, 1e6]) {
    const h = [[scale, scale], [scale, scale * (1 + 2e-7)]];
    await expectKind(h, "degenerate", {
      why: `scaling the loss by ${scale} scales the eigenvalues, not the kind of point`,
      mistakes: scale === 1
        ? [{ ...ZERO_AS_POSITIVE, kind: "local-minimum" }, { ...DIAGONAL, kind: "local-minimum" }]
        : [{ ...ABSOLUTE, kind: "local-minimum" }],
    });
  }
  // And a clean minimum stays one at any scale.
  for (const scale of [1e-3, 1, 1e6]) {
    await expectKind([[2 * scale, scale], [scale, 2 * scale]], "local-minimum", {
      why: `eigenvalues ${scale} and ${
        3 * scale
      } are both positive and far apart from zero relatively`,
    });
  }
});

test("escapeDirection() is null where no eigenvalue is negative", async () => {
  for (
    const [h, why] of [
      [[[2, 0], [0, 3]], "a minimum"],
      [[[1, 1], [1, 1]], "eigenvalues 0 and 2: flat, but nowhere down"],
      [[[1, 0], [0, -1e-12]], "λ = −1e-12 is round-off, zero within the tolerance"],
    ] as const
  ) {
    const direction = await escapeDirection(tensor(h.map((row) => [...row])));
    check(
      direction === null,
      `escapeDirection(${JSON.stringify(h)}): expected null (${why}), got ${
        direction === null ? "null" : `[${await direction.data()}]`
      }.\nReturn null when eigenvalueSigns() finds no negative eigenvalue`,
    );
  }
});

test("escapeDirection() of a diagonal saddle is the axis of its negative eigenvalue", async () => {
  await expectDirection([[2, 0], [0, -1]], [0, 1], "H = diag(2, −1)");
  await expectDirection([[-3, 0], [0, 1]], [1, 0], "H = diag(−3, 1)", [
    { ...SMALLEST_ABS, values: [0, 1] },
    { ...UNNORMALISED, values: [3, 0] },
  ]);
});

test("escapeDirection() takes the MOST negative eigenvalue, not the one closest to zero", async () => {
  // H = Σ_k λ_k·q_k·q_kᵀ with the orthonormal q1 = [1, −2, −2]/3, q2 = [−2, 1, −2]/3,
  // q3 = [−2, −2, 1]/3 and λ = (−7, 2, 11), multiplied out by hand:
  //   H = [[5, 6, 0], [6, 2, −6], [0, −6, −1]]; check: H·[1, −2, −2] = [−7, 14, 14] = −7·[1, −2, −2].
  // The eigenvalue closest to zero is 2, whose eigenvector is ±[2, −1, 2]/3.
  const h = [[5, 6, 0], [6, 2, -6], [0, -6, -1]];
  const raw = await rawEigenvectors(h, 0);
  await expectDirection(h, [1 / 3, -2 / 3, -2 / 3], "H with eigenvalues −7, 2, 11", [
    { ...SMALLEST_ABS, values: [2 / 3, -1 / 3, 2 / 3] },
    { ...UNNORMALISED, values: [7 / 3, -14 / 3, -14 / 3] },
    { ...SIGN_IGNORED, values: raw.column },
    { ...ROW_NOT_COLUMN, values: signFixed(raw.row) },
  ]);
  // Two negative eigenvalues, −1 and −5: −5 lowers the loss five times faster.
  await expectDirection([[-1, 0, 0], [0, -5, 0], [0, 0, 2]], [0, 1, 0], "H = diag(−1, −5, 2)", [
    { ...SMALLEST_ABS, values: [1, 0, 0] },
  ]);
});

test("escapeDirection() returns a unit vector, whatever the eigenvalue's size", async () => {
  for (const h of [[[5, 6, 0], [6, 2, -6], [0, -6, -1]], [[-40, 0], [0, 3]], [[0, -2], [-2, 0]]]) {
    const direction = await escapeDirection(tensor(h));
    check(
      direction !== null,
      `escapeDirection(${JSON.stringify(h)}): expected a direction, got null`,
    );
    const length = Math.hypot(...await direction.data());
    check(
      Math.abs(length - 1) < 1e-5,
      `escapeDirection(${JSON.stringify(h)}): expected ‖d‖ = 1, got ‖d‖ = ${
        length.toPrecision(6)
      }.\n` +
        `Likely mistake — ${UNNORMALISED.name}: ${UNNORMALISED.explanation}`,
    );
  }
});

test("escapeDirection() fixes eigh's arbitrary sign: the first non-zero component is positive", async () => {
  // H = Σ_k λ_k·q_k·q_kᵀ with the q of the previous cases and λ = (−1, 2, 5):
  //   H = [[3, 2, 0], [2, 2, −2], [0, −2, 1]]; H·[1, −2, −2] = [−1, 2, 2] = −1·[1, −2, −2].
  // [[1, 0, 0], [0, 3, 4], [0, 4, −3]]: the lower block has λ = ±5; for −5,
  //   [3, 4; 4, −3]·[1, −2] = [−5, 10] = −5·[1, −2], so u = [0, 1, −2]/√5: component 0
  //   is zero, and the sign is decided by component 1.
  const cases: [number[][], number[]][] = [
    [[[3, 2, 0], [2, 2, -2], [0, -2, 1]], [1 / 3, -2 / 3, -2 / 3]],
    [[[1, 0, 0], [0, 3, 4], [0, 4, -3]], [0, 1 / Math.sqrt(5), -2 / Math.sqrt(5)]],
  ];
  for (const [h, expected] of cases) {
    const { column, row } = await rawEigenvectors(h, 0);
    await expectDirection(h, expected, `H = ${JSON.stringify(h)}`, [
      { ...SIGN_IGNORED, values: column },
      { ...ROW_NOT_COLUMN, values: signFixed(row) },
    ]);
  }
  // A matrix without a closed form: whatever eigh returns, the sign rule must hold.
  const direction = await escapeDirection(tensor([[2, 1, 0], [1, -3, 1], [0, 1, 0.5]]));
  const values = direction === null ? [] : [...await direction.data()];
  const first = values.find((x) => Math.abs(x) > 1e-6) ?? 0;
  check(
    first > 0,
    `escapeDirection([[2, 1, 0], [1, −3, 1], [0, 1, 0.5]]): expected the first non-zero component positive, got [${values}].\n` +
      `Likely mistake — ${SIGN_IGNORED.name}: ${SIGN_IGNORED.explanation}`,
  );
});

test("escapeDirection() is an eigenvector: H·d = λ_min·d, and the curvature dᵀHd is λ_min", async () => {
  // Orthonormal, NOT symmetric, eigenvectors: q1 = [2, 2, −1]/3, q2 = [−1, 2, 2]/3,
  // q3 = [2, −1, 2]/3 with λ = (−7, 2, 11):
  //   H = [[2, −6, 6], [−6, −1, 0], [6, 0, 5]]; H·[2, 2, −1] = [−14, −14, 7] = −7·[2, 2, −1].
  // eigh's eigenvector matrix has q_j as column j; its row 0 is another vector.
  const h = [[2, -6, 6], [-6, -1, 0], [6, 0, 5]];
  const { row } = await rawEigenvectors(h, 0);
  const direction = await expectDirection(
    h,
    [2 / 3, 2 / 3, -1 / 3],
    "H with eigenvalues −7, 2, 11",
    [
      { ...ROW_NOT_COLUMN, values: signFixed(row) },
    ],
  );
  await assertClose(curvature(tensor(h), direction), -7, {
    where: "curvature dᵀHd/dᵀd along escapeDirection(), expected λ_min = −7",
  });
});

test("escapeDirection() keeps H's dtype: a float64 H gives a float64 direction", async () => {
  // The diagonal saddle diag(2, −3): the direction is e_1 = [0, 1], in float64.
  const direction = await escapeDirection(tensor([[2, 0], [0, -3]], { dtype: "float64" }));
  check(direction !== null, "escapeDirection(diag(2, −3)): expected a direction, got null");
  await assertAllClose(direction, [0, 1], { where: "escapeDirection(float64 diag(2, −3))" });
}, { dtype: "float64" });

const COUNT_NOT_SHARE = {
  name: "the count of positive eigenvalues instead of their share",
  explanation: "divide the number of positive eigenvalues by the number of eigenvalues",
};

test("minimumRatio() is the share of positive eigenvalues", async () => {
  const cases: [number[][], number, string, KnownMistake[]][] = [
    [[[2, 0], [0, 3]], 1, "a minimum: every eigenvalue positive", [{
      ...COUNT_NOT_SHARE,
      values: 2,
    }]],
    [[[-2, -1], [-1, -2]], 0, "a maximum: none positive", []],
    [
      [[3, 0, 0, 0], [0, -1, 0, 0], [0, 0, 2, 0], [0, 0, 0, 0]],
      0.5,
      "eigenvalues 3, −1, 2, 0: two positive out of four (0 is not positive)",
      [{ ...COUNT_NOT_SHARE, values: 2 }, { ...ZERO_AS_POSITIVE, values: 0.75 }, {
        name: "the share among non-zero eigenvalues only",
        explanation: "divide by the number of ALL eigenvalues, the zero ones included: 2 of 4",
        values: 2 / 3,
      }],
    ],
  ];
  for (const [h, expected, why, mistakes] of cases) {
    await assertClose(await minimumRatio(tensor(h)), expected, {
      where: `minimumRatio(${JSON.stringify(h)}), ${why}`,
      mistakes,
    });
  }
  // tol acts on its own: with tol = 1e-2, λ = 1e-3 is zero, so one of two is positive.
  await assertClose(await minimumRatio(tensor([[1, 0], [0, 1e-3]]), 1e-2), 0.5, {
    where:
      "minimumRatio([[1, 0], [0, 1e-3]], tol = 1e-2), eigenvalues 1 and 1e-3 (zero at this tol)",
    mistakes: [{
      name: "tol ignored in minimumRatio()",
      explanation: "pass the caller's tol on to eigenvalueSigns(eigenvalues, tol)",
      values: 1,
    }],
  });
});

test(
  "the toy network's origin is a saddle: g = 0, H has eigenvalues ±2, and [1, 1]/√2 lowers the loss",
  async () => {
    // L(w) = (1 − w1·w2)² (kata 01). At w = 0: g = 0, H = [[0, −2], [−2, 0]], eigenvalues
    // −2 (along [1, 1]) and 2 (along [1, −1]). Along u = [1, 1]/√2 the lecture predicts
    // L(s·u) ≈ L(0) + ½·(−2)·s² = 1 − s²; exactly, L(s·u) = (1 − s²/2)² = 1 − s² + s⁴/4.
    const origin = tensor([0, 0]);
    check(
      await isCriticalPoint(toyGradient(origin)),
      "isCriticalPoint(toyGradient(0, 0)): expected true, the lecture's gradient at the origin is 0",
    );
    const hessian = toyHessian(origin);
    const kind = await classifyCriticalPoint(hessian);
    check(
      kind === "saddle-point",
      `classifyCriticalPoint(toyHessian(0, 0)): expected "saddle-point" (H = [[0, −2], [−2, 0]] has eigenvalues ` +
        `−2 and 2), got "${kind}"`,
    );
    const numericKind = await classifyCriticalPoint(numericalHessian((w) => toyLoss(w), origin));
    check(
      numericKind === "saddle-point",
      `classifyCriticalPoint(numericalHessian(toyLoss, (0, 0))): expected "saddle-point", got "${numericKind}"; ` +
        "the finite-difference Hessian is [[0, −2], [−2, 0]] to about 1e-4",
    );
    await assertClose(await minimumRatio(hessian), 0.5, {
      where: "minimumRatio(toyHessian(0, 0)), eigenvalues −2 and 2",
      mistakes: [{ ...COUNT_NOT_SHARE, values: 1 }],
    });
    const direction = await expectDirection(
      [[0, -2], [-2, 0]],
      [Math.SQRT1_2, Math.SQRT1_2],
      "the toy saddle",
    );
    const s = 0.1; // a step length along the escape direction
    const step = direction.mul(s);
    const loss = await toyLoss(step).item();
    check(
      loss < 1,
      `toyLoss(0.1·escapeDirection()) = ${loss}: expected below L(0) = 1, since the direction has λ = −2`,
    );
    await assertClose(loss, (1 - s ** 2 / 2) ** 2, {
      where:
        "toyLoss after a step of 0.1 along escapeDirection(), expected (1 − s²/2)² = 0.990025 for s = 0.1",
    });
  },
  { needs: kata01 },
);

test(
  "gradient descent started exactly on the saddle never leaves it; a nudge along escapeDirection() escapes",
  async () => {
    // At the origin g = 0, so θ ← θ − η·g never moves: plain gradient descent is
    // stuck forever. Displaced by 0.01 along u = [1, 1]/√2, it leaves the saddle and
    // reaches the valley w1·w2 = 1, where L = 0.
    const eta = 0.1;
    const descent: Optimizer<null> = {
      learningRate: eta,
      init: () => null,
      update: (g, state, params) => ({ params: params.sub(g.mul(eta)), state }),
    };
    const stuck = runOptimizer((w) => toyGradient(w), tensor([0, 0]), descent, 100);
    const points = await stack(stuck).array() as number[][]; // one read-back for the whole path
    const moved = points.findIndex((p) => p[0] !== 0 || p[1] !== 0);
    check(
      moved === -1,
      `gradient descent from the saddle (0, 0) moved at step ${moved}: g = 0 there`,
    );
    const hessian = toyHessian(tensor([0, 0]));
    check(
      await isCriticalPoint(toyGradient(stuck.at(-1)!)) &&
        await classifyCriticalPoint(hessian) === "saddle-point",
      "after 100 steps gradient descent should still sit on a critical point that is a saddle",
    );
    const direction = await escapeDirection(hessian);
    check(direction !== null, "escapeDirection(toyHessian(0, 0)): expected a direction, got null");
    const escaped = runOptimizer((w) => toyGradient(w), direction.mul(0.01), descent, 100);
    const loss = await toyLoss(escaped.at(-1)!).item();
    check(
      loss < 1e-3,
      `gradient descent from 0.01·escapeDirection(): expected the loss below 1e-3 after 100 steps, got ${loss}`,
    );
  },
  { needs: kata01 },
);

test("bad input is refused with a clear error naming the function and the value", async () => {
  await assertRefuses(
    "classifyCriticalPoint([2,3] matrix)",
    () => classifyCriticalPoint(tensor([[1, 2, 3], [4, 5, 6]])),
    ShapeError,
    /^Cannot classify a critical point: the Hessian has shape \[2,3\], not a square matrix/,
    "Read the eigenvalues through spectrum(hessian, action) (a worked example), which checks the shape",
  );
  await assertRefuses(
    "classifyCriticalPoint(H, tol = −1)",
    () => classifyCriticalPoint(tensor([[1, 0], [0, 1]]), -1),
    ValueError,
    /^Cannot classify a critical point: tol -1 is not a non-negative finite number/,
    "Call checkTolerance(tol, action) (a worked example) first",
  );
  await assertRefuses(
    "classifyCriticalPoint(non-symmetric H)",
    () => classifyCriticalPoint(tensor([[1, 2], [0, 1]])),
    ValueError,
    /not symmetric/,
    "A Hessian is symmetric; eigh refuses one that is not",
  );
  await assertRefuses(
    "escapeDirection([3] vector)",
    () => escapeDirection(tensor([1, 2, 3])),
    ShapeError,
    /^Cannot find an escape direction: the Hessian has shape \[3\], not a square matrix/,
    "Read the eigenvectors through spectrum(hessian, action) (a worked example)",
  );
  await assertRefuses(
    "minimumRatio(H, tol = NaN)",
    () => minimumRatio(tensor([[1, 0], [0, 1]]), NaN),
    ValueError,
    /^Cannot take the minimum ratio: tol NaN is not a non-negative finite number/,
    "Call checkTolerance(tol, action) (a worked example) first",
  );
  await assertRefuses(
    "isCriticalPoint(int32 gradient)",
    () => isCriticalPoint(tensor([0, 0], { dtype: "int32" })),
    DtypeError,
    /^Cannot test for a critical point: the gradient is dtype int32, not a float tensor/,
    "A gradient holds real numbers: refuse int32 and bool",
  );
});

// Stretch: nobody forms the Hessian of a real network — n parameters make n² entries.
// A Hessian-vector product H·v costs about two gradients (the library's hvp(), which
// differentiates the gradient), and power iteration finds the most negative
// curvature from products alone: first ρ ≈ max|λ| from ‖H·v‖, then the power
// iteration on ρI − H, whose largest eigenvalue ρ − λ belongs to the most negative λ.
test(
  "stretch: power iteration on Hessian-vector products finds escapeDirection()'s direction without forming H",
  async () => {
    // A 3-input toy network: ŷ = (x·w1)·w2 with w1 ∈ ℝ³, w2 ∈ ℝ; L(θ) = mean((y − ŷ)²), θ = (w1, w2).
    // At θ = 0, g = 0 and, by hand, ∂²L/∂w1_i∂w2 = −2·mean(y·x_i) = −2c_i; every other second
    // derivative is 0 there. So H = [[0, −2c], [−2cᵀ, 0]]: eigenvalues ±2|c| and 0 (twice),
    // and λ_min = −2|c| along [c/|c|, 1]/√2.
    // c = mean(y·x) = ((1·1 + 2·2)/4, (−1·1 + 2·1)/4, (1·2 + (−1)(−1))/4) = (1.25, 0.25, 0.75),
    // |c|² = 1.5625 + 0.0625 + 0.5625 = 2.1875.
    const X = tensor([[1, 0, 2], [0, 1, -1], [2, 1, 0], [-1, 0, 1]]);
    const y = tensor([1, -1, 2, 0]);
    const loss = (theta: Tensor) =>
      X.matmul(theta.slice([0], [3])).mul(theta.slice([3], [1])).sub(y).square().mean();
    const origin = tensor([0, 0, 0, 0]);
    const times = (v: Tensor) => hvp(loss, origin, v); // H·v, H never formed
    const lambdaMin = -2 * Math.sqrt(2.1875);
    const expected = [1.25, 0.25, 0.75, Math.sqrt(2.1875)].map((x) => x / Math.sqrt(2 * 2.1875));

    let v = tensor([0.5, 0.5, 0.5, 0.5]);
    let rho = 0;
    for (let i = 0; i < 10; i++) {
      const hv = times(v);
      rho = await hv.norm().item(); // ‖H·v‖ for a unit v: 2|c| once v lies in H's range
      v = hv.div(rho);
    }
    let u = tensor([1, 0, 0, 0]);
    for (let i = 0; i < 60; i++) { // eigenvalues of ρI − H: 4|c|, 2|c|, 2|c|, 0 — halving per step
      const w = u.mul(rho).sub(times(u));
      u = w.div(w.norm());
    }
    await assertClose(await u.dot(times(u)).item(), lambdaMin, {
      where: "uᵀHu after power iteration on ρI − H with hvp() (the test's own reference)",
    });
    await assertAllClose(u, expected, {
      where: "power iteration's direction (the test's own reference)",
    });

    // Your escapeDirection() sees H itself, formed here column by column from n products.
    const hessian = stack(
      [0, 1, 2, 3].map((i) => times(tensor([0, 1, 2, 3].map((j) => (j === i ? 1 : 0))))),
    );
    const direction = await escapeDirection(hessian);
    check(
      direction !== null,
      `escapeDirection(H of the 3-input toy network at 0): expected a direction, got null; H has λ = ${
        lambdaMin.toFixed(4)
      }`,
    );
    await assertAllClose(direction, u, {
      where:
        "escapeDirection(H) against power iteration on Hessian-vector products, 3-input toy network at θ = 0",
      hint: `both should be the unit eigenvector of λ_min = ${
        lambdaMin.toFixed(4)
      }, first component positive`,
    });
  },
);
