import { deepStrictEqual, notStrictEqual, strictEqual } from "node:assert";
import { importedKatas, kataFingerprint } from "./fingerprint.ts";

async function withKatas(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir();
  try {
    for (const dir of ["05_adam", "06_warmup"]) {
      await Deno.mkdir(`${root}/katas/${dir}`, { recursive: true });
    }
    await Deno.writeTextFile(`${root}/katas/05_adam/adam.ts`, "export const a = 1;\n");
    await Deno.writeTextFile(`${root}/katas/05_adam/adam_test.ts`, 'import "./adam.ts";\n');
    await Deno.writeTextFile(`${root}/katas/05_adam/README.md`, "# read me\n");
    await Deno.writeTextFile(`${root}/katas/06_warmup/warmup.ts`, "export const w = 1;\n");
    await Deno.writeTextFile(
      `${root}/katas/06_warmup/warmup_test.ts`,
      'import { adam } from "../05_adam/adam.ts";\n',
    );
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("kataFingerprint() covers the folder's .ts files, not its Markdown", async () => {
  await withKatas(async (root) => {
    const before = await kataFingerprint(root, "05_adam");
    deepStrictEqual(before.files, ["katas/05_adam/adam.ts", "katas/05_adam/adam_test.ts"]);
    await Deno.writeTextFile(`${root}/katas/05_adam/README.md`, "# changed\n");
    strictEqual((await kataFingerprint(root, "05_adam")).hash, before.hash);
    await Deno.writeTextFile(`${root}/katas/05_adam/adam.ts`, "export const a = 2;\n");
    notStrictEqual((await kataFingerprint(root, "05_adam")).hash, before.hash);
  });
});

Deno.test("kataFingerprint() follows imports of an earlier kata", async () => {
  await withKatas(async (root) => {
    const before = await kataFingerprint(root, "06_warmup");
    deepStrictEqual(before.files, [
      "katas/05_adam/adam.ts",
      "katas/05_adam/adam_test.ts",
      "katas/06_warmup/warmup.ts",
      "katas/06_warmup/warmup_test.ts",
    ]);
    await Deno.writeTextFile(`${root}/katas/05_adam/adam.ts`, "export const a = 3;\n");
    notStrictEqual((await kataFingerprint(root, "06_warmup")).hash, before.hash);
  });
});

Deno.test("kataFingerprint() of a missing folder is stable and empty", async () => {
  await withKatas(async (root) => {
    const a = await kataFingerprint(root, "08_kfold");
    deepStrictEqual(a.files, []);
    strictEqual((await kataFingerprint(root, "08_kfold")).hash, a.hash);
  });
});

Deno.test("importedKatas() ignores the library and unknown folders", () => {
  deepStrictEqual(
    importedKatas(
      'import "../../lib/mod.ts"; import "../99_nope/x.ts"; import "../04_momentum/momentum.ts";',
    ),
    [
      "04_momentum",
    ],
  );
});
