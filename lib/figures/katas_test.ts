// The figures' data, drawn from the reference solutions copied into a scratch
// root (never into katas/), checked against what the lecture says each figure
// shows; and every SVG written is well-formed XML.
import { ok, strictEqual } from "node:assert";
import { XMLValidator } from "fast-xml-parser";
import { join } from "node:path";
import { solvedRoot } from "./_solved_root.ts";
import { buildFigures, type BuildReport } from "./build.ts";
import type { Figure } from "./figure.ts";
import { bump } from "./katas/04_momentum.ts";
import { valley } from "./katas/05_adam.ts";

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

Deno.test("show draws 14 figures for katas 01–08 from the solutions, with no notes", async () => {
  const report = await solved();
  const names = report.katas.flatMap((k) => k.figures.map((f) => f.figure.name));
  strictEqual(names.length, 14, names.join());
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
