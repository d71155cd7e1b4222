import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { writeText } from "./files.ts";
import {
  buildManifest,
  compareTestFiles,
  isTestFile,
  MANIFEST_FILE,
  readManifest,
  verifyTree,
} from "./manifest.ts";
import { gradeTest } from "./_test_permissions.ts";

Deno.test("isTestFile() knows test files from kata code", () => {
  strictEqual(isTestFile("katas/05_adam/adam_test.ts"), true);
  strictEqual(isTestFile("lib/tensor/tensor.test.ts"), true);
  strictEqual(isTestFile("katas/05_adam/adam.ts"), false);
  strictEqual(isTestFile("katas/05_adam/test_helpers.ts"), false);
});

gradeTest(
  "compareTestFiles() reports a changed test file and a deleted one, per kata",
  async () => {
    const dir = await Deno.makeTempDir();
    await writeText(`${dir}/release/katas/05_adam/adam_test.ts`, "pristine 05");
    await writeText(`${dir}/release/katas/06_warmup/warmup_test.ts`, "pristine 06");
    await writeText(`${dir}/release/katas/07_x/x_test.ts`, "pristine 07");
    await writeText(`${dir}/release/lib/mod.ts`, "export {};");
    const manifest = await buildManifest(`${dir}/release`, [
      "katas/05_adam/adam_test.ts",
      "katas/06_warmup/warmup_test.ts",
      "katas/07_x/x_test.ts",
      "lib/mod.ts",
    ]);
    deepStrictEqual(Object.keys(manifest.support), ["lib/mod.ts"]);
    await writeText(`${dir}/student/katas/05_adam/adam_test.ts`, 'Deno.test("ok", () => {});');
    await writeText(`${dir}/student/katas/06_warmup/warmup.ts`, "export {};");
    const check = await compareTestFiles(manifest, `${dir}/student/katas`);
    deepStrictEqual(check, {
      modified: ["katas/05_adam/adam_test.ts"],
      missing: ["katas/06_warmup/warmup_test.ts"], // 07_x has no folder at all: not reported here
    });
    deepStrictEqual(await compareTestFiles(manifest, `${dir}/student/katas`, ["06_warmup"]), {
      modified: [],
      missing: ["katas/06_warmup/warmup_test.ts"],
    });
    await Deno.remove(dir, { recursive: true });
  },
);

gradeTest("readManifest() and verifyTree() find a release's changed files", async () => {
  const dir = await Deno.makeTempDir();
  await writeText(`${dir}/katas/05_adam/adam_test.ts`, "a");
  await writeText(`${dir}/lib/mod.ts`, "b");
  const manifest = await buildManifest(dir, ["katas/05_adam/adam_test.ts", "lib/mod.ts"]);
  await writeText(`${dir}/${MANIFEST_FILE}`, JSON.stringify(manifest));
  deepStrictEqual(await readManifest(dir), manifest);
  await writeText(`${dir}/lib/mod.ts`, "changed");
  deepStrictEqual(await verifyTree(dir, manifest), ["lib/mod.ts changed"]);
  await writeText(`${dir}/${MANIFEST_FILE}`, "{ not json");
  let message = "";
  await readManifest(dir).catch((error) => message = error.message);
  ok(message.startsWith(`Cannot read ${MANIFEST_FILE}: it is not JSON`), message);
  await Deno.remove(dir, { recursive: true });
});
