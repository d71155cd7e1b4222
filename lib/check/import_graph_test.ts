import { deepStrictEqual, strictEqual } from "node:assert";
import { checkGraph, codeOnly, importsOf, layerOf, LAYERS, resolveImport } from "./import_graph.ts";

const edge = (from: string, to: string) => ({ from, to });

Deno.test("checkGraph() passes a graph whose imports all run down or sideways", () => {
  const problems = checkGraph([
    edge("backend/cpu/matmul.ts", "core/shape.ts"),
    edge("tensor/tensor.ts", "backend/backend.ts"),
    edge("nn/linear.ts", "autodiff/grad.ts"),
    edge("grader/grade.ts", "runner/run_tests.ts"),
    edge("mod.ts", "tensor/mod.ts"),
    edge("loop/main.ts", "../katas/05_adam/adam.ts"),
  ]);
  deepStrictEqual(problems, { upward: [], cycles: [] });
});

Deno.test("checkGraph() names a planted upward import", () => {
  const { upward, cycles } = checkGraph([
    edge("backend/backend.ts", "core/dtype.ts"),
    edge("backend/backend.ts", "tensor/dtype.ts"),
    edge("kata/optimizer.ts", "loop/args.ts"),
  ]);
  deepStrictEqual(upward, [
    "backend/backend.ts (backend) imports tensor/dtype.ts (tensor), a layer above",
    "kata/optimizer.ts (testing/data/kata/mod.ts) imports loop/args.ts " +
    "(contract/runner/loop/grader/figures/build/check), a layer above",
  ]);
  deepStrictEqual(cycles, []);
});

Deno.test("checkGraph() names a planted loop, within a layer and through one file", () => {
  const { upward, cycles } = checkGraph([
    edge("tensor/tensor.ts", "tensor/ops/math.ts"),
    edge("tensor/ops/math.ts", "tensor/ops/shape_ops.ts"),
    edge("tensor/ops/shape_ops.ts", "tensor/tensor.ts"),
    edge("tensor/ops/shape_ops.ts", "core/shape.ts"),
    edge("loop/a.ts", "loop/a.ts"),
  ]);
  deepStrictEqual(upward, []);
  deepStrictEqual(cycles, [
    "loop/a.ts → loop/a.ts",
    "tensor/ops/math.ts → tensor/ops/shape_ops.ts → tensor/tensor.ts → tensor/ops/math.ts",
  ]);
});

Deno.test("checkGraph() refuses a folder missing from the layer table, and a library module importing a test", () => {
  const { upward } = checkGraph([
    edge("plots/chart.ts", "core/shape.ts"),
    edge("loop/session.ts", "loop/_test_repo.ts"),
    edge("backend/conformance_test.ts", "tensor/mod.ts"),
  ]);
  deepStrictEqual(upward, [
    "plots/chart.ts is in lib/plots, a folder missing from LAYERS",
    "loop/session.ts imports the test file loop/_test_repo.ts",
  ]);
});

Deno.test("LAYERS already places the folders other engineers are adding", () => {
  strictEqual(layerOf("autodiff/grad.ts"), layerOf("nn/linear.ts"));
  strictEqual(layerOf("figures/x.ts"), LAYERS.length - 1);
  strictEqual(layerOf("build/x.ts"), LAYERS.length - 1);
  strictEqual(layerOf("core/x.ts") < layerOf("backend/x.ts"), true);
});

Deno.test("importsOf() reads static, re-export, side-effect and dynamic imports, not comments or strings", () => {
  const source = [
    'import { a } from "./a.ts";',
    'import type { B } from "../b.ts";',
    "import {",
    "  c,",
    "  d,",
    '} from "./cd.ts";',
    'export * from "./e.ts";',
    'export { f } from "./f.ts";',
    'import "./side.ts";',
    'const g = await import("./g.ts");',
    '// import { x } from "./commented.ts";',
    '/** @example\n * import { y } from "./doc.ts";\n */',
    'const code = `import { z } from "./template.ts";`;',
    'const re = /import "\\.\\/regex.ts"/;',
    "const s = \"import { w } from './string.ts'\";",
  ].join("\n");
  deepStrictEqual(importsOf(source), [
    "./a.ts",
    "../b.ts",
    "./cd.ts",
    "./e.ts",
    "./f.ts",
    "./side.ts",
    "./g.ts",
  ]);
});

Deno.test("codeOnly() keeps code after a template with ${} and a division", () => {
  const code = codeOnly('const a = `x${b / 2}y`; const c = d / e; // f\nimport "./h.ts";');
  deepStrictEqual(importsOf(code), ["./h.ts"]);
  strictEqual(code.includes("d / e"), true);
});

Deno.test("resolveImport() resolves relative specifiers and leaves packages alone", () => {
  strictEqual(resolveImport("tensor/ops/math.ts", "../../core/dtype.ts"), "core/dtype.ts");
  strictEqual(resolveImport("mod.ts", "./tensor/mod.ts"), "tensor/mod.ts");
  strictEqual(resolveImport("loop/main.ts", "../../katas/x.ts"), "../katas/x.ts");
  strictEqual(resolveImport("a/b.ts", "fast-check"), undefined);
});
