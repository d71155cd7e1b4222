/**
 * The layering of lib/ (SPEC §4), checked on the real import graph:
 * core ← backend ← tensor ← autodiff/nn ← testing/data/kata ← tools.
 * The rules and the parser live in lib/check/import_graph.ts.
 */
import { deepStrictEqual, ok } from "node:assert";
import { fileURLToPath } from "node:url";
import { checkGraph, readImportGraph } from "./check/import_graph.ts";

const lib = fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "");
const canRead = (await Deno.permissions.query({ name: "read", path: lib })).state === "granted";

Deno.test({
  name: "lib/ imports run one way, down the layers, and never in a loop",
  ignore: !canRead,
  async fn() {
    const edges = await readImportGraph(lib);
    ok(edges.length > 300, `read only ${edges.length} imports: is the parser broken?`);
    ok(edges.some((e) => e.from === "tensor/tensor.ts" && e.to.startsWith("core/")));
    const { upward, cycles } = checkGraph(edges);
    deepStrictEqual({ upward, cycles }, { upward: [], cycles: [] });
  },
});

Deno.test({
  name: "the check on lib/ would fail on one planted upward import or loop",
  ignore: !canRead,
  async fn() {
    const edges = await readImportGraph(lib);
    const upward = checkGraph([...edges, { from: "core/shape.ts", to: "tensor/tensor.ts" }]);
    deepStrictEqual(upward.upward, [
      "core/shape.ts (core) imports tensor/tensor.ts (tensor), a layer above",
    ]);
    // tensor.ts already imports core/dtype.ts; the reverse import closes a loop.
    const loop = checkGraph([...edges, { from: "core/dtype.ts", to: "tensor/tensor.ts" }]);
    ok(loop.cycles.length === 1 && loop.cycles[0].includes("tensor/tensor.ts"), loop.cycles[0]);
  },
});
