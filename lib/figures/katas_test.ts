// The figures' data, drawn from the reference solutions copied into a scratch
// root (never into katas/), checked against what the lecture says each figure
// shows; and every SVG written is well-formed XML.
import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { XMLValidator } from "fast-xml-parser";
import { join } from "node:path";
import { solvedRoot } from "./_solved_root.ts";
import { buildFigures, type BuildReport } from "./build.ts";
import type { Figure } from "./figure.ts";
import { bump } from "./katas/04_momentum.ts";
import { valley } from "./katas/05_adam.ts";
import { BOUND_RUNS } from "./katas/11_generalization.ts";

let built: Promise<BuildReport> | undefined;
/** One build of every kata from the solutions, shared by the cases below (CPU only: no timing noise). */
function solved(): Promise<BuildReport> {
  built ??= solvedRoot().then((root) =>
    buildFigures({ root, outDir: join(root, "figures"), webgpu: false })
  );
  return built;
}

async function figure(name: string): Promise<Figure> {
  const report = await solved();
  const found = report.katas.flatMap((k) => k.figures).find((f) => f.figure.name === name);
  ok(
    found,
    `no figure ${name}; got ${report.katas.flatMap((k) => k.figures.map((f) => f.figure.name))}`,
  );
  return found.figure;
}

// deno-lint-ignore no-explicit-any -- the datasets are plain JSON rows
function rows(f: Figure, name: string): any[] {
  const data = f.spec.datasets[name];
  ok(Array.isArray(data) && data.length > 0, `${f.name}: dataset ${name} is empty`);
  return data;
}

Deno.test("show draws 21 figures for katas 01–12 from the solutions, with no notes", async () => {
  const report = await solved();
  strictEqual(report.katas.length, 12);
  const names = report.katas.flatMap((k) => k.figures.map((f) => f.figure.name));
  strictEqual(names.length, 21, names.join());
  for (const kata of report.katas) {
    ok(kata.figures.length > 0 && !kata.problem, `${kata.dir}: ${kata.problem}`);
    for (const { figure } of kata.figures) {
      strictEqual(figure.notes.length, 0, `${figure.name}: ${figure.notes.join("; ")}`);
      ok(figure.name.startsWith(kata.dir.slice(0, 3)), figure.name);
      ok(figure.caption.length > 80, `${figure.name}: the caption should say what to look for`);
    }
  }
  const html = await Deno.readTextFile(report.page);
  for (const name of names) ok(html.includes(`src="${name}.svg"`), `index.html lacks ${name}`);
  ok(html.indexOf("01_error_surface") < html.indexOf("08_folds"), "katas in order");
  ok(html.indexOf("08_folds") < html.indexOf("12_broken_vs_fixed"), "katas in order");
});

Deno.test("every SVG written is well-formed XML with a size", async () => {
  const report = await solved();
  for (const { path, svg } of report.katas.flatMap((k) => k.figures)) {
    const verdict = XMLValidator.validate(svg);
    ok(verdict === true, `${path}: ${JSON.stringify(verdict)}`);
    ok(/^<svg[^>]* width="\d+(\.\d+)?" height="\d+(\.\d+)?"/.test(svg), `${path}: no width/height`);
    strictEqual(await Deno.readTextFile(path), svg);
  }
});

Deno.test("01: the surface is (1 − w1·w2)² with the saddle and the valley of minima w1·w2 = 1", async () => {
  const f = await figure("01_error_surface");
  const surface = rows(f, "surface");
  strictEqual(surface.length, 41 * 41);
  const centre = surface.find((c) => Math.abs(c.w1) < 1e-9 && Math.abs(c.w2) < 1e-9);
  ok(centre && Math.abs(centre.loss - 1) < 1e-6, `L(0, 0) = 1, got ${centre?.loss}`);
  for (const c of surface) ok(Math.abs(c.loss - Math.min((1 - c.w1 * c.w2) ** 2, 10)) < 1e-4);
  for (const m of rows(f, "minima")) ok(Math.abs(m.w1 * m.w2 - 1) < 1e-12);
  strictEqual(rows(f, "critical")[0].kind, "saddle (0, 0)");
});

Deno.test("01: the Taylor curve touches the true loss at θ' and parts from it farther out", async () => {
  const line = rows(await figure("01_taylor"), "line");
  const curve = (name: string) => line.filter((p) => p.curve.startsWith(name));
  const [truth, taylor] = [curve("true"), curve("your Taylor")];
  strictEqual(taylor.length, truth.length);
  const at = (points: typeof line, s: number) => points.find((p) => Math.abs(p.s - s) < 1e-9)!.loss;
  // L(θ') = (1 − 0.5·1)² = 0.25.
  ok(Math.abs(at(taylor, 0) - 0.25) < 1e-6 && Math.abs(at(truth, 0) - 0.25) < 1e-12);
  ok(Math.abs(at(taylor, 0.05) - at(truth, 0.05)) < 1e-3, "close near θ'");
  ok(Math.abs(at(taylor, 1.5) - at(truth, 1.5)) > 1, "apart at s = 1.5 (degree 4 vs 2)");
  // A parabola: constant second differences.
  const second = taylor.slice(2).map((p, i) => p.loss - 2 * taylor[i + 1].loss + taylor[i].loss);
  for (const d of second) ok(Math.abs(d - second[0]) < 1e-6, `not a parabola: ${second}`);
});

Deno.test("02: the escape path leaves the saddle along u and ends in the valley", async () => {
  const f = await figure("02_saddle_escape");
  const path = rows(f, "path");
  const arrow = rows(f, "arrow");
  // u = (1, 1)/√2: the eigenvector of λ = −2, first component positive.
  ok(Math.abs(arrow[1].w1 - Math.SQRT1_2) < 1e-5 && Math.abs(arrow[1].w2 - Math.SQRT1_2) < 1e-5);
  strictEqual(path[0].w1, 0);
  const distance = path.map((p) => Math.hypot(p.w1, p.w2));
  for (let i = 1; i < 20; i++) ok(distance[i] > distance[i - 1], `leaves the origin (step ${i})`);
  ok(
    path.at(-1).loss < 1e-3 && path.at(-1).loss < path[1].loss,
    `ends in the valley: ${path.at(-1).loss}`,
  );
  ok(Math.abs(path.at(-1).w1 * path.at(-1).w2 - 1) < 0.05);
  ok(rows(f, "saddle")[0].label.includes("saddle-point"));
});

Deno.test("03: batch size 1 jitters and gets lowest, the full batch descends smoothly", async () => {
  const losses = rows(await figure("03_loss_per_update"), "losses");
  const run = (label: string) => losses.filter((p) => p.batch === label).map((p) => p.loss);
  const [one, eight, full] = [run("B = 1"), run("B = 8"), run("B = 64 (full batch)")];
  // 4 epochs of n = 64: 1 + 4·64/B points.
  strictEqual(one.length, 257);
  strictEqual(eight.length, 33);
  strictEqual(full.length, 5);
  ok(one.at(-1)! < eight.at(-1)! && eight.at(-1)! < full.at(-1)!, "more updates, lower loss");
  ok(one.slice(1).some((v, i) => v > one[i]), "B = 1 goes up at times");
  ok(full.slice(1).every((v, i) => v < full[i]), "the full batch only goes down");
  const times = rows(await figure("03_epoch_time"), "times");
  strictEqual(times.filter((t) => t.backend === "cpu").length, 5);
  ok(times.every((t) => t.ms > 0 && Number.isFinite(t.ms)));
});

Deno.test("04: gradient descent stops at θ ≈ 0.946, momentum rolls on to θ ≈ −1.047", async () => {
  const paths = rows(await figure("04_theta_per_update"), "paths");
  const last = (name: string) => paths.filter((p) => p.optimizer.startsWith(name)).at(-1).theta;
  ok(Math.abs(last("gradient descent") - 0.94565) < 1e-3);
  ok(Math.abs(last("momentum") + 1.04668) < 1e-3);
  const curve = rows(await figure("04_bump"), "curve");
  for (const p of curve) strictEqual(p.loss, bump(p.theta));
});

Deno.test("05: in the valley Adam and RMSProp end near the minimum, gradient descent far from it", async () => {
  const paths = rows(await figure("05_valley_loss"), "paths");
  const end = (name: string) => paths.filter((p) => p.optimizer.startsWith(name)).at(-1);
  for (const name of ["gradient descent", "Adagrad", "RMSProp", "Adam"]) {
    strictEqual(end(name).step, 150, name);
    const p = end(name);
    strictEqual(p.loss, valley(p.theta1, p.theta2));
  }
  ok(end("Adam").loss < 0.05 && end("RMSProp").loss < 0.05);
  ok(end("gradient descent").loss > 10 * end("Adam").loss);
});

Deno.test("06: constant-η Adagrad's step grows late; decayed η keeps it small", async () => {
  const paths = rows(await figure("06_adagrad_explosion"), "paths");
  const steps = (prefix: string) =>
    paths.filter((p) => p.run.startsWith(prefix)).map((p) => p.stepLength);
  const constant = steps("constant");
  const decayed = steps("decay");
  const cosine = steps("warmupCosine");
  strictEqual(constant.length, 301);
  const early = Math.max(...constant.slice(1, 50));
  const late = Math.max(...constant.slice(50));
  // Settled by t = 50, then thrown across the valley: a step several times the early ones.
  ok(late > 3 * early, `constant η: late step ${late} vs early ${early}`);
  ok(Math.max(...decayed.slice(50)) < early / 3, "decay: no late explosion");
  ok(Math.max(...cosine.slice(50)) < early / 3, "warm-up then cosine: no late explosion");
  const rates = rows(await figure("06_schedules"), "rates");
  const linear = rates.filter((r) => r.schedule.startsWith("linearWarmup"));
  strictEqual(linear.length, 400);
  ok(Math.abs(linear[0].lr - 0.002) < 1e-12 && Math.abs(linear[49].lr - 0.1) < 1e-12);
  strictEqual(new Set(rates.map((r) => r.schedule)).size, 4);
});

Deno.test("07: MSE's gradient vanishes where the wrong class wins, cross-entropy's does not", async () => {
  const f = await figure("07_mse_vs_cross_entropy");
  const arrows = rows(f, "arrows");
  const at = (loss: string, y1: number, y2: number) =>
    arrows.find((a) => a.loss === loss && Math.abs(a.y1 - y1) < 1e-9 && Math.abs(a.y2 - y2) < 1e-9)
      .magnitude;
  ok(at("MSE on softmax", -7, 7) < 1e-3 * at("cross-entropy", -7, 7));
  // Cross-entropy's gradient at (−7, 7): softmax ≈ (e^−14, 1, 0), so (p − ŷ) ≈ (−1, 1), norm √2.
  ok(Math.abs(at("cross-entropy", -7, 7) - Math.SQRT2) < 1e-4);
  const surface = rows(f, "surface");
  for (const c of surface) {
    ok(
      c.loss === "MSE on softmax" ? c.value >= 0 && c.value <= 2 : c.value >= 0,
      JSON.stringify(c),
    );
  }
});

Deno.test("08: training loss falls with the degree, validation turns up, folds tile the items", async () => {
  const f = await figure("08_degree");
  const losses = rows(f, "losses");
  const train = losses.filter((r) => r.kind === "training loss").map((r) => r.loss);
  const validation = losses.filter((r) => r.kind.startsWith("validation")).map((r) => r.loss);
  strictEqual(train.length, 10);
  for (let d = 1; d < 10; d++) ok(train[d] <= train[d - 1] + 1e-9, `training loss rose at ${d}`);
  const chosen = rows(f, "chosen")[0].degree;
  ok(chosen >= 3 && chosen <= 5 && validation[9] > validation[chosen]);
  const cells = rows(await figure("08_folds"), "cells");
  strictEqual(cells.length, 5 * 23);
  for (let item = 0; item < 23; item++) {
    strictEqual(cells.filter((c) => c.item === item && c.role === "validation").length, 1);
  }
});

Deno.test("09: the deep sigmoid net's training loss ends above the shallow one's; the fix trains", async () => {
  const f = await figure("09_deep_vs_shallow");
  const losses = rows(f, "losses");
  const curve = (model: string, set: string) =>
    losses.filter((p) => p.model.startsWith(model) && p.set === set).map((p) => p.loss);
  const [shallow, deep, fixed] = ["1 sigmoid", "5 sigmoid", "5 ReLU"].map((m) => curve(m, "train"));
  // 20 steps: the loss before each and after the last.
  for (const c of [shallow, deep, fixed]) strictEqual(c.length, 21);
  // As kata 09's README: 0.318, 1.061 and 0.078 nats after 20 steps.
  ok(
    Math.abs(shallow[20] - 0.318) < 5e-3 && Math.abs(deep[20] - 1.061) < 5e-3,
    `${shallow[20]}, ${deep[20]}`,
  );
  ok(fixed[20] < 0.1, `the deep ReLU net with Adam trains: ${fixed[20]}`);
  // The deeper net starts no worse yet stays higher from step 2 on: optimization, not bias.
  for (let s = 2; s <= 20; s++) ok(deep[s] > shallow[s] + 0.1, `step ${s}`);
  // Blind guessing is ln 3; knowing only the species' frequencies is their entropy, 1.050.
  ok(deep[20] < Math.log(3) && deep[20] > 1.04);
  strictEqual(curve("5 sigmoid", "validation").length, 21);
  ok(f.title.includes('"optimization"') && f.title.includes('"1 sigmoid layer"'), f.title);
  ok(f.caption.includes("Your diagnose():"), "the learner's reason is quoted");
});

Deno.test("09: the cars' test loss towers over validation for the year split only", async () => {
  const f = await figure("09_mismatch");
  const losses = rows(f, "losses");
  const loss = (split: string, set: string) =>
    losses.find((p) => p.split.startsWith(split) && p.set === set).loss;
  // As kata 09's README: 6.3, 6.0, 86.6 mpg² by year; 19.5, 22.9, 21.3 at random.
  const byYear = ["train", "validation", "test"].map((set) => loss("by year", set));
  const random = ["train", "validation", "test"].map((set) => loss("at random", set));
  [6.3, 6.0, 86.6].forEach((v, i) => ok(Math.abs(byYear[i] - v) < 0.05, `${byYear}`));
  [19.5, 22.9, 21.3].forEach((v, i) => ok(Math.abs(random[i] - v) < 0.05, `${random}`));
  ok(f.title.includes('by year → "mismatch"') && f.title.includes('at random → "ok"'), f.title);
});

Deno.test("10: the early-stopping marker sits at the lowest validation loss, patience after it", async () => {
  const f = await figure("10_early_stopping");
  const losses = rows(f, "losses");
  const validation = losses.filter((p) => p.set === "validation").map((p) => p.loss);
  const training = losses.filter((p) => p.set === "training").map((p) => p.loss);
  strictEqual(validation.length, 150);
  const best = rows(f, "best")[0];
  const lowest = Math.min(...validation);
  strictEqual(best.loss, lowest);
  strictEqual(validation.indexOf(lowest), best.epoch);
  strictEqual(best.epoch, 6); // kata 10's README: best epoch 6
  const window = rows(f, "window")[0];
  deepStrictEqual([window.from, window.to], [best.epoch, best.epoch + 10]);
  // The model overfits: training loss → 0.0022 while validation climbs to 7.30.
  ok(
    training[149] < 0.003 && Math.abs(validation[149] - 7.3) < 0.01,
    `${training[149]}, ${validation[149]}`,
  );
  const bars = rows(await figure("10_remedies"), "bars");
  strictEqual(bars.length, 6);
  const none = bars.find((b) => b.remedy === "no remedy").loss;
  strictEqual(none, validation[149]);
  for (const b of bars.slice(1)) ok(b.loss < 0.8 * none, `${b.remedy}: ${b.loss} vs ${none}`);
  // The early-stopping bar is the marker's loss: the same rule, run as training goes.
  strictEqual(bars.find((b) => b.remedy.startsWith("early stopping")).loss, lowest);
});

Deno.test("11: the Monte-Carlo estimate stays under the bound and falls with N", async () => {
  const points = rows(await figure("11_bound_vs_estimate"), "points");
  const { families, sizes, epsilon, trials } = BOUND_RUNS;
  for (const size of families) {
    const of = (kind: string) =>
      points.filter((p) => p.hypotheses === `|H| = ${size}` && p.kind === kind);
    const bound = of("bound");
    const estimate = of("Monte-Carlo estimate");
    strictEqual(bound.length, sizes.length);
    strictEqual(estimate.length, sizes.length);
    sizes.forEach((n, i) => {
      // The bound, worked here: min(1, |H|·2·exp(−2Nε²)).
      const expected = Math.min(1, size * 2 * Math.exp(-2 * n * epsilon ** 2));
      ok(Math.abs(bound[i].probability - expected) < 1e-12, `bound |H| = ${size}, N = ${n}`);
      ok(
        estimate[i].probability <= bound[i].probability,
        `|H| = ${size}, N = ${n}: over the bound`,
      );
      ok(Number.isInteger(estimate[i].probability * trials), "a fraction of the trials");
      if (i > 0) {
        ok(
          estimate[i].probability <= estimate[i - 1].probability,
          `|H| = ${size}: rose at N = ${n}`,
        );
      }
    });
    ok(estimate[0].probability > 0.4 && estimate.at(-1).probability <= 0.02, `|H| = ${size}`);
  }
  // A larger family strays more often: summed over N, the estimate grows with |H|.
  const total = (size: number) =>
    points.filter((p) => p.hypotheses === `|H| = ${size}` && p.kind !== "bound")
      .reduce((sum, p) => sum + p.probability, 0);
  ok(total(1) < total(10) && total(10) < total(100), `${total(1)}, ${total(10)}, ${total(100)}`);
});

Deno.test("12: the capstone learns, keeps its best epoch and scores ≥ 97%; the fix beats the broken run", async () => {
  const f = await figure("12_learning_curves");
  const losses = rows(f, "losses");
  const validation = losses.filter((p) => p.set === "validation").map((p) => p.loss);
  const training = losses.filter((p) => p.set === "training").map((p) => p.loss);
  strictEqual(training.length, validation.length);
  ok(training.at(-1)! < training[0] / 5, `training loss falls: ${training}`);
  const kept = rows(f, "best")[0];
  strictEqual(kept.loss, Math.min(...validation));
  // Early stopping with patience 4: it ran 4 epochs past the kept one (or hit the 25 epochs).
  ok(validation.length === kept.epoch + 5 || validation.length === 25, `${validation.length}`);
  const accuracy = rows(f, "held")[0].accuracy;
  ok(accuracy >= 0.97, `held-out accuracy ${accuracy}`);
  const results = rows(await figure("12_broken_vs_fixed"), "results");
  const [broken, fixed] = results;
  ok(broken.run.startsWith("broken") && fixed.run.includes("fixTheRun"));
  ok(broken.loss > Math.log(3), `the broken run stays above chance: ${broken.loss}`);
  ok(fixed.loss < 0.1 && fixed.accuracy >= 0.97, JSON.stringify(fixed));
});

Deno.test("every kata has a terminal preview with finite curves for the guided loop", async () => {
  const report = await solved();
  for (const kata of report.katas) {
    const preview = kata.figures.find((f) => f.figure.preview)?.figure.preview;
    ok(preview && preview.series.length > 0, `${kata.dir}: no preview`);
    for (const series of preview.series) {
      ok(
        series.values.length > 1 && series.values.every(Number.isFinite),
        `${kata.dir}: ${series.name}`,
      );
    }
  }
});
