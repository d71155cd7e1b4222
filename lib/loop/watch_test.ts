import { deepStrictEqual, strictEqual } from "node:assert";
import { watchFiles } from "./watch.ts";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("watchFiles() reports a burst of writes once, after the quiet period", async () => {
  const dir = await Deno.makeTempDir();
  const batches: string[][] = [];
  const watch = watchFiles(dir, {
    accept: (p) => p.endsWith(".ts"),
    onChange: (b) => batches.push(b),
    debounceMs: 80,
  });
  try {
    await pause(50);
    for (let i = 0; i < 5; i++) await Deno.writeTextFile(`${dir}/a.ts`, `// ${i}`);
    await Deno.writeTextFile(`${dir}/notes.md`, "ignored");
    await pause(400);
    strictEqual(batches.length, 1);
    deepStrictEqual([...new Set(batches[0])], [`${dir}/a.ts`]);
  } finally {
    watch.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("watchFiles() sees files in sub-folders and stops after close()", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/katas/05_adam`, { recursive: true });
  const batches: string[][] = [];
  const watch = watchFiles(dir, {
    accept: () => true,
    onChange: (b) => batches.push(b),
    debounceMs: 20,
  });
  try {
    await pause(50);
    await Deno.writeTextFile(`${dir}/katas/05_adam/adam.ts`, "x");
    await pause(300);
    strictEqual(batches.length, 1);
    watch.close();
    await Deno.writeTextFile(`${dir}/katas/05_adam/adam.ts`, "y");
    await pause(200);
    strictEqual(batches.length, 1);
  } finally {
    watch.close();
    await Deno.remove(dir, { recursive: true });
  }
});
