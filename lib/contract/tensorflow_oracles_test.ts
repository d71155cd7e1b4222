import { deepStrictEqual, match, ok, throws } from "node:assert";
import { KATA_DIRS, kataFiles } from "../kata/catalogue.ts";
import { katasWithRecipes, recordKata, renderRecorded } from "./tensorflow_oracles.ts";

const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const hasSolutions = await Deno.stat(`${ROOT}/solutions`).then(() => true, () => false);
const withRecipes = hasSolutions ? await katasWithRecipes(ROOT) : [];

Deno.test("the katas whose suites compare with TensorFlow.js all have recorded answers", {
  ignore: !hasSolutions,
}, () => {
  // 04 momentum, 05 Adam/Adagrad/RMSProp, 07 softmax and cross-entropy, 10 L2 and
  // dropout, 12 the capstone's Adam steps.
  deepStrictEqual(withRecipes, [
    "04_momentum",
    "05_adam",
    "07_softmax_cross_entropy",
    "10_overfitting",
    "12_capstone",
  ]);
});

for (const kata of withRecipes) {
  Deno.test(`${kata}: the recorded answers are what TensorFlow.js gives now`, async () => {
    const now = await recordKata(ROOT, kata);
    const file = kataFiles(kata).recorded;
    const committed = await Deno.readTextFile(`${ROOT}/${file}`).catch(() => "(missing)");
    ok(
      now === committed,
      `${file} differs from what TensorFlow.js gives now (or from its recipes in ` +
        `${kataFiles(kata).recipes}): run \`deno task oracles\` and review the change`,
    );
  });
}

Deno.test("no kata suite or hidden test loads TensorFlow.js beside the code it tests", async () => {
  // The point of recording: a run of submitted code (the guided loop, deno test, the
  // grader's sandbox) never has TensorFlow.js in its process, where it could be poisoned.
  const loaders = /@tensorflow|testing\/tfjs\.ts|loadTensorflow|tensorflowTrajectory/;
  const offenders: string[] = [];
  for (const kata of KATA_DIRS) {
    const files = [kataFiles(kata).test, `solutions/${kata}/hidden_test.ts`];
    for (const file of files) {
      const text = await Deno.readTextFile(`${ROOT}/${file}`).catch(() => "");
      if (loaders.test(text)) offenders.push(file);
    }
  }
  deepStrictEqual(offenders, []);
});

Deno.test("recorded answers are frozen as their module loads", async () => {
  const { TENSORFLOW } = await import("../../katas/05_adam/tensorflow_recorded.ts");
  ok(Object.isFrozen(TENSORFLOW) && Object.isFrozen(TENSORFLOW.adamBowl));
  ok(TENSORFLOW.adamBowl.every((row) => Object.isFrozen(row)));
  throws(() => {
    (TENSORFLOW.adamBowl[1] as number[])[0] = 0;
  }, TypeError);
  // θ⁰ is where every trajectory starts.
  deepStrictEqual(TENSORFLOW.adamBowl[0], [2, -1, 4]);
  deepStrictEqual(TENSORFLOW.adamBowl.length, 101);
});

Deno.test("renderRecorded() writes numbers that read back exactly and refuses NaN", () => {
  const text = renderRecorded("05_adam", "4.22.0", [
    { name: "path", what: "a path", value: [[0.1 + 0.2, -0], new Float32Array([1 / 3])] },
  ]);
  match(text, /path: \[\[0\.30000000000000004, -0\], \[0\.3333333432674408\]\],/);
  throws(
    () => renderRecorded("05_adam", "4.22.0", [{ name: "bad", what: "", value: [1, NaN] }]),
    /Cannot record 05_adam bad\[1\]: TensorFlow\.js returned NaN/,
  );
});
