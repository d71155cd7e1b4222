// `deno task show` on learner code that is unfinished, throws or does not load,
// and on bad command lines: a clear message each, and the page still written.
import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { solvedRoot } from "./_solved_root.ts";
import { buildFigures } from "./build.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

Deno.test("show on the shipped stubs: every figure says what is not implemented yet, and the page is written", async () => {
  const root = await solvedRoot({
    "01_gradient_hessian": "katas",
    "02_critical_points": "katas",
    "03_minibatch_sgd": "katas",
    "04_momentum": "katas",
    "05_adam": "katas",
    "06_warmup": "katas",
    "07_softmax_cross_entropy": "katas",
    "08_kfold": "katas",
    "09_diagnosis": "katas",
    "10_overfitting": "katas",
    "11_generalization": "katas",
    "12_capstone": "katas",
  });
  const report = await buildFigures({ root, webgpu: false });
  const figures = report.katas.flatMap((k) => k.figures);
  strictEqual(figures.length, 21);
  for (const { figure, svg } of figures) {
    ok(
      figure.notes.some((n) => /\(\) is not implemented yet/.test(n)),
      `${figure.name}: ${figure.notes.join("; ")}`,
    );
    ok(svg.includes("is not implemented yet"), `${figure.name}: the SVG itself should say so`);
  }
  // What can be drawn is drawn: the surfaces do not need the learner's code.
  const surface = figures.find((f) => f.figure.name === "02_saddle_escape")!.figure;
  strictEqual(surface.spec.datasets.surface.length, 33 * 33);
  strictEqual(surface.spec.datasets.path.length, 0);
  // Kata 09's curves need none of the learner's code either; its verdict and the Adam run do.
  const depth = figures.find((f) => f.figure.name === "09_deep_vs_shallow")!.figure;
  strictEqual(new Set(depth.spec.datasets.losses.map((p) => p.model)).size, 2);
  ok(depth.notes.some((n) => n.startsWith("diagnose() is not implemented yet")));
  ok(depth.notes.some((n) => n.startsWith("adam() (kata 05) is not implemented yet")));
  // Kata 10's curves use the worked examples; earlyStopping() is what marks them.
  const stopping = figures.find((f) => f.figure.name === "10_early_stopping")!.figure;
  strictEqual(stopping.spec.datasets.losses.length, 2 * 150);
  strictEqual(stopping.spec.datasets.best.length, 0);
  const html = await Deno.readTextFile(join(root, "figures", "index.html"));
  ok(html.includes("escapeDirection() is not implemented yet (kata 02)"));
});

Deno.test("show names the learner's function that threw, draws the others, and writes the page", async () => {
  const root = await solvedRoot({}, (dir, text) => {
    if (dir === "05_adam") {
      return text.replace(
        "export function adam(options: AdamOptions = {}): Optimizer<AdamState> {",
        '$&\n  throw new RangeError("planted for the figures test");',
      );
    }
    if (dir === "03_minibatch_sgd") {
      return text.replace(
        /export function linearRegressionLossAndGradient\([^)]*\): LossAndGradient \{/,
        '$&\n  throw new TypeError("planted");',
      );
    }
    return text;
  });
  const report = await buildFigures({
    root,
    katas: ["03_minibatch_sgd", "05_adam"],
    webgpu: false,
  });
  const paths = report.katas[1].figures[0].figure;
  strictEqual(paths.name, "05_valley_paths");
  ok(
    paths.notes.includes("adam() threw RangeError: planted for the figures test"),
    paths.notes.join(),
  );
  const drawn = new Set(paths.spec.datasets.paths.map((p) => p.optimizer));
  ok(
    drawn.has("Adagrad") && drawn.has("RMSProp (α = 0.9)") && !drawn.has("Adam"),
    [...drawn].join(),
  );
  const losses = report.katas[0].figures[0].figure;
  ok(
    losses.notes.some((n) =>
      n.startsWith("linearRegressionLossAndGradient() threw TypeError: planted")
    ),
    losses.notes.join("; "),
  );
  const html = await Deno.readTextFile(report.page);
  ok(html.includes("adam() threw RangeError"));
});

Deno.test("show names a throwing function of katas 10 and 11 and draws the rest", async () => {
  const root = await solvedRoot({}, (dir, text) => {
    if (dir === "11_generalization") {
      return text.replace(
        "export function monteCarlo(options: MonteCarloOptions): MonteCarloResult {",
        '$&\n  throw new RangeError("planted in monteCarlo");',
      );
    }
    if (dir === "10_overfitting") {
      return text.replace(
        /export function earlyStopping\([^)]*\): EarlyStop \{/,
        '$&\n  throw new TypeError("planted in earlyStopping");',
      );
    }
    return text;
  });
  const report = await buildFigures({
    root,
    katas: ["10_overfitting", "11_generalization"],
    webgpu: false,
  });
  const [stopping, remedies] = report.katas[0].figures.map((f) => f.figure);
  deepStrictEqual(stopping.notes, ["earlyStopping() threw TypeError: planted in earlyStopping"]);
  strictEqual(stopping.spec.datasets.losses.length, 2 * 150, "the curves are still drawn");
  strictEqual(stopping.spec.datasets.best.length, 0);
  // trainWithEarlyStopping() calls earlyStopping(): its bar goes, the other remedies stay.
  strictEqual(remedies.spec.datasets.bars.length, 5);
  ok(remedies.notes.some((n) => n.startsWith("trainWithEarlyStopping() threw TypeError")));
  const bound = report.katas[1].figures[0];
  deepStrictEqual(bound.figure.notes, ["monteCarlo() threw RangeError: planted in monteCarlo"]);
  const kinds = new Set(bound.figure.spec.datasets.points.map((p) => p.kind));
  deepStrictEqual([...kinds], ["bound"]);
  ok(bound.svg.includes("monteCarlo() threw RangeError"), "the SVG says which function threw");
});

Deno.test("show says which kata file does not load and still writes the page", async () => {
  const root = await solvedRoot(
    {},
    (dir, text) => dir === "08_kfold" ? text + "\nexport const = ;\n" : text,
  );
  const report = await buildFigures({ root, katas: ["04_momentum", "08_kfold"], webgpu: false });
  strictEqual(report.katas[0].figures.length, 2);
  const broken = report.katas[1];
  strictEqual(broken.figures.length, 0);
  ok(broken.problem?.startsWith("Cannot load katas/08_kfold/kfold.ts: "), broken.problem);
  const html = await Deno.readTextFile(report.page);
  ok(html.includes("Cannot load katas/08_kfold/kfold.ts") && html.includes("04_bump.svg"));
});

Deno.test("show 04 after a full run keeps the other katas on the page", async () => {
  const root = await solvedRoot();
  await buildFigures({ root, katas: ["02_critical_points", "04_momentum"], webgpu: false });
  const report = await buildFigures({ root, katas: ["04_momentum"], webgpu: false });
  const html = await Deno.readTextFile(report.page);
  ok(html.includes("02_saddle_escape.svg") && html.includes("04_bump.svg"));
});

async function show(args: string[], permissions: string[], cwd = REPO) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--config", join(REPO, "deno.json"), ...permissions, MAIN, ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code, out: decode(stdout), err: decode(stderr) };
}

Deno.test("deno task show 99: the catalogue's 'Cannot find kata' error, exit code 2", async () => {
  const { code, err } = await show(["99"], ["--allow-read"]);
  strictEqual(code, 2);
  ok(err.startsWith('Cannot find kata "99": choose a number from 01 to'), err);
});

Deno.test("deno task show without write permission in figures/: a clear message, exit code 1", async () => {
  const root = await solvedRoot();
  const { code, err } = await show(["04"], [
    "--allow-read",
    `--allow-write=${join(root, "elsewhere")}`,
  ], root);
  strictEqual(code, 1);
  ok(err.startsWith('Cannot write figures: no permission to write in "'), err);
  ok(err.includes(join(root, "figures")), err);
});

Deno.test("deno task show 04 with the task's own permissions writes figures/ and prints the page", async () => {
  const root = await solvedRoot();
  const { code, out, err } = await show(["4", "--backend=cpu"], [
    "--allow-read",
    "--allow-write=figures",
  ], root);
  strictEqual(code, 0, err);
  ok(out.includes(join(root, "figures", "04_bump.svg")), out);
  ok(/index\.html \(\d+\.\d s\)/.test(out), out);
});
