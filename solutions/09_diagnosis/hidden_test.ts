// Kata 09 hidden cases: graded, never released. Written as if this file sat in
// katas/09_diagnosis/ (it imports ./diagnosis.ts): run here it checks the reference
// (`deno test solutions/09_diagnosis/hidden_test.ts`); the grader copies it next to a
// submission's diagnosis.ts. What students see of a failure: ./hidden.json.
import { ValueError } from "../../lib/mod.ts";
import { assertRefuses, check, defineKata } from "../../lib/testing/mod.ts";
import { diagnose, type DiagnoseOptions, type LossReport } from "./diagnosis.ts";

const test = defineKata(9);
const PLAIN = { tensors: false } as const;

function verdictOf(report: LossReport, options: DiagnoseOptions, expected: string, why: string) {
  const result = diagnose(report, options);
  check(
    result.verdict === expected,
    `diagnose(${JSON.stringify(report)}, ${JSON.stringify(options)}): expected "${expected}", ` +
      `got "${result.verdict}" — ${why}`,
  );
  return result;
}

test(
  "diagnose() of a single model with a large training loss says model-bias: there is nothing shallower",
  () => {
    verdictOf(
      { models: ["linear"], train: [2], validation: [2.1], test: [2.2] },
      { largeLoss: 1, gap: 0.5 },
      "model-bias",
      "2 > 1 is large and no shallower model fits better",
    );
  },
  PLAIN,
);

test(
  "diagnose() with gap 0 counts any higher training loss of a deeper model as an optimization failure",
  () => {
    verdictOf(
      { models: ["shallow", "deep"], train: [0.5, 0.75], validation: [0.5, 0.75] },
      { largeLoss: 0.25, gap: 0 },
      "optimization",
      "0.75 − 0.5 = 0.25 > 0",
    );
  },
  PLAIN,
);

test("diagnose() calls a training loss equal to largeLoss not large", () => {
  // 0.5 and 0.625 are exact in binary: 0.625 − 0.5 = 0.125 ≤ 0.25.
  verdictOf(
    { models: ["mlp"], train: [0.5], validation: [0.625] },
    { largeLoss: 0.5, gap: 0.25 },
    "ok",
    "large means strictly above largeLoss",
  );
}, PLAIN);

test("diagnose() takes the best of many shallower models as the witness", () => {
  const result = verdictOf(
    { models: ["a", "b", "c", "d"], train: [0.5, 0.25, 0.375, 1], validation: [0.5, 0.25, 0.4, 1] },
    { largeLoss: 0.75, gap: 0.125 },
    "optimization",
    "d's 1 is large; b reaches 0.25",
  );
  check(result.comparedWith === "b", `expected the witness "b", got "${result.comparedWith}"`);
}, PLAIN);

test("diagnose() refuses an infinite test loss", async () => {
  await assertRefuses(
    "diagnose(test: [Infinity])",
    () =>
      diagnose({ models: ["a"], train: [0.1], validation: [0.1], test: [Infinity] }, {
        largeLoss: 1,
        gap: 0.1,
      }),
    ValueError,
    /^Cannot diagnose: the test loss Infinity of "a" is not a finite number ≥ 0/,
    "a loss must be a finite number ≥ 0",
  );
}, PLAIN);

test("diagnose() leaves the report it was given unchanged", () => {
  const report = { models: ["s", "m", "l"], train: [0.9, 0.1, 0.95], validation: [1, 0.2, 1] };
  const copy = JSON.stringify(report);
  diagnose(report, { largeLoss: 0.5, gap: 0.1 });
  check(
    JSON.stringify(report) === copy,
    `diagnose() changed its report to ${JSON.stringify(report)}`,
  );
}, PLAIN);
