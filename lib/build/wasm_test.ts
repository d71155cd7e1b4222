/** The committed WebAssembly module is what `deno task build:wasm` builds from the committed source. */
import { strictEqual } from "node:assert";
import { assemble, moduleSource, OUTPUT_URL, SOURCE_URL } from "./wasm.ts";

Deno.test("kernels_wasm.ts is kernels.wat assembled by deno task build:wasm", async () => {
  const built = moduleSource(await assemble(await Deno.readTextFile(SOURCE_URL)));
  strictEqual(
    await Deno.readTextFile(OUTPUT_URL),
    built,
    "the committed binary is stale: run `deno task build:wasm` and commit kernels_wasm.ts",
  );
});
