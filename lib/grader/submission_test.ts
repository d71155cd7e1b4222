import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { walkFiles, writeText } from "./files.ts";
import { findKatasDir, stageKatas } from "./submission.ts";
import { gradeTest } from "./_test_permissions.ts";

gradeTest("findKatasDir() finds katas/ or kata folders at the top", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/a/katas/05_adam`, { recursive: true });
  await Deno.mkdir(`${dir}/b/05_adam`, { recursive: true });
  await Deno.mkdir(`${dir}/c/src`, { recursive: true });
  strictEqual(await findKatasDir(`${dir}/a`), `${dir}/a/katas`);
  strictEqual(await findKatasDir(`${dir}/b`), `${dir}/b`);
  strictEqual(await findKatasDir(`${dir}/c`), null);
  await Deno.remove(dir, { recursive: true });
});

gradeTest(
  "stageKatas() keeps code and data, never test files, configuration or links",
  async () => {
    const dir = await Deno.makeTempDir();
    const katas = `${dir}/sub/katas`;
    await writeText(`${katas}/05_adam/adam.ts`, "export {};");
    await writeText(`${katas}/05_adam/helpers.ts`, "export {};");
    await writeText(`${katas}/05_adam/adam_test.ts`, "// mine");
    await writeText(`${katas}/05_adam/deno.json`, "{}");
    await writeText(`${katas}/05_adam/notes.wasm`, "");
    await writeText(`${katas}/05_adam/.secret/x.ts`, "export {};");
    await writeText(`${katas}/05_adam/big.json`, "x".repeat(1024 * 1024 + 1));
    await writeText(`${katas}/06_warmup/README.md`, "# mine");
    await Deno.symlink("/etc/hostname", `${katas}/05_adam/link.ts`);
    const staged = await stageKatas(katas, `${dir}/stage/katas`);
    deepStrictEqual(staged.folders, ["05_adam", "06_warmup"]);
    const { files } = await walkFiles(`${dir}/stage/katas`);
    deepStrictEqual(files.map((f) => f.path), [
      "05_adam/adam.ts",
      "05_adam/helpers.ts",
      "06_warmup/README.md",
    ]);
    const notes = staged.notes.join("\n");
    for (
      const expected of [
        "05_adam/link.ts: links are not followed",
        "05_adam/deno.json: configuration",
        "notes.wasm: only .ts and .js",
        "big.json: larger than",
      ]
    ) {
      ok(notes.includes(expected), `${expected} in\n${notes}`);
    }
    await Deno.remove(dir, { recursive: true });
  },
);
