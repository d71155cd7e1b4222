/**
 * What the loop shows, as lines of text: a result, the kata list, hints, the
 * swap moment, the key help. Pure functions; colours only when asked for, so
 * the same text goes to a terminal, a pipe or a test.
 *
 * @module
 */
import { KATA_DIRS, kataFiles } from "../kata/catalogue.ts";
import type { Hint } from "./hints.ts";
import { KEY_HELP } from "./keys.ts";
import { formatCountdown } from "./pair_timer.ts";
import type { KataReport } from "./summary.ts";

/** Text styles. */
export type Style = "red" | "green" | "yellow" | "cyan" | "dim" | "bold";

const CODES: Record<Style, [number, number]> = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  dim: [2, 22],
  bold: [1, 22],
};

/** Paints text; a no-op when colour is off. */
export type Painter = (style: Style, text: string) => string;

/**
 * A painter that uses ANSI colours, or none.
 *
 * @param colour Whether to colour.
 * @returns The painter.
 *
 * @example
 * ```ts
 * import { painter } from "./render.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(painter(false)("red", "x"), "x");
 * strictEqual(painter(true)("red", "x"), "\x1b[31mx\x1b[39m");
 * ```
 */
export function painter(colour: boolean): Painter {
  return colour
    ? (style, text) => `\x1b[${CODES[style][0]}m${text}\x1b[${CODES[style][1]}m`
    : (_, text) => text;
}

/** One kata's line in the list. */
export interface KataRow {
  /** The kata folder. */
  dir: string;
  /** Its state: a verified result, or why there is none. */
  state:
    | "passing"
    | "failing"
    | "not started"
    | "waiting"
    | "error"
    | "unchecked"
    | "changed"
    | "missing"
    | "running";
  /** Cases passed, when there is a result. */
  passed?: number;
  /** Cases run, when there is a result. */
  total?: number;
  /** Hint tiers seen. */
  hints: number;
  /** Skipped for now. */
  skipped: boolean;
}

const ICON: Record<KataRow["state"], string> = {
  passing: "✓",
  failing: "✗",
  "not started": "·",
  waiting: "○",
  error: "!",
  unchecked: "·",
  changed: "?",
  missing: "–",
  running: "…",
};

const ROW_STYLE: Partial<Record<KataRow["state"], Style>> = {
  passing: "green",
  failing: "red",
  error: "red",
  changed: "yellow",
  waiting: "yellow",
  missing: "dim",
  running: "cyan",
};

function rowDetail(row: KataRow): string {
  switch (row.state) {
    case "passing":
      return `passing (${row.total} cases)`;
    case "failing":
      // Every case passing yet failing: the type check objects (the result screen says the same).
      return row.passed === row.total
        ? `all ${row.total} cases pass, but the type check fails`
        : `${row.passed} of ${row.total} cases pass`;
    case "not started":
      return `not started (0 of ${row.total})`;
    case "waiting":
      return `waiting for an earlier kata (${row.passed} of ${row.total} cases pass)`;
    case "error":
      return "does not compile or run";
    case "unchecked":
      return "not started";
    case "changed":
      return "changed since its last check";
    case "missing":
      return `missing (katas/${row.dir} not found)`;
    case "running":
      return "running…";
  }
}

/**
 * The kata list, numbered for jumping, the current kata marked with ▶.
 *
 * @param rows One row per kata, in course order.
 * @param current The current kata folder.
 * @param paint Colours.
 * @returns The lines.
 *
 * @example
 * ```ts
 * import { painter, renderList } from "./render.ts";
 * import { strictEqual } from "node:assert";
 * const rows = [{ dir: "01_gradient_hessian", state: "passing" as const, total: 8, hints: 0, skipped: false }];
 * strictEqual(renderList(rows, "02_critical_points", painter(false))[0], "   1 ✓ 01_gradient_hessian       passing (8 cases)");
 * ```
 */
export function renderList(rows: KataRow[], current: string | undefined, paint: Painter): string[] {
  const width = Math.max(...KATA_DIRS.map((dir) => dir.length), ...rows.map((r) => r.dir.length)) +
    2;
  return rows.map((row) => {
    const number = String(Number(kataFiles(row.dir).number));
    const marker = row.dir === current ? "▶" : " ";
    const extras = [
      row.hints ? `hints ${row.hints}/3` : "",
      row.skipped ? "skipped for now" : "",
    ].filter(Boolean).join(", ");
    const style = ROW_STYLE[row.state];
    const line = `${ICON[row.state]} ${row.dir.padEnd(width)}${rowDetail(row)}`;
    // Numbers right-aligned in two columns, so kata 11 lines up under kata 9.
    return `${marker} ${number.padStart(2)} ${style ? paint(style, line) : line}${
      extras ? paint("dim", `  · ${extras}`) : ""
    }`;
  });
}

/**
 * The progress bar: one square per kata.
 *
 * @param rows The kata rows.
 * @param paint Colours.
 * @returns "■■□□□□□□ 2 of 8 katas pass".
 *
 * @example
 * ```ts
 * import { painter, progressBar } from "./render.ts";
 * import { strictEqual } from "node:assert";
 * const row = (state: "passing" | "failing") => ({ dir: "x", state, hints: 0, skipped: false });
 * strictEqual(progressBar([row("passing"), row("failing")], painter(false)), "■□ 1 of 2 katas pass");
 * ```
 */
export function progressBar(rows: KataRow[], paint: Painter): string {
  const done = rows.filter((r) => r.state === "passing").length;
  const squares = rows.map((r) => r.state === "passing" ? paint("green", "■") : "□").join("");
  return `${squares} ${done} of ${rows.length} katas pass`;
}

/**
 * Which backend ran, and why another did not.
 *
 * @param report A report.
 * @param forced The backend forced with `--backend`, if any.
 * @param adapter The WebGPU adapter's name, when known.
 * @returns "ran on cpu · webgpu skipped: no adapter".
 *
 * @example
 * ```ts
 * import { backendLine } from "./render.ts";
 * import { strictEqual } from "node:assert";
 * const report = { backends: ["cpu"], skippedBackends: { webgpu: "no adapter" } };
 * strictEqual(backendLine(report), "ran on cpu · webgpu skipped: no adapter");
 * ```
 */
export function backendLine(
  report: Pick<KataReport, "backends" | "skippedBackends">,
  forced?: string,
  adapter?: string,
): string {
  const ran = report.backends.map((b) => b === "webgpu" && adapter ? `webgpu (${adapter})` : b);
  const parts = [ran.length ? `ran on ${ran.join(" and ")}` : "no backend ran"];
  for (const [backend, why] of Object.entries(report.skippedBackends)) {
    parts.push(`${backend} skipped: ${why}`);
  }
  if (forced) parts.push(`forced with --backend=${forced}`);
  return parts.join(" · ");
}

function indent(text: string, by = "    "): string[] {
  return text.split("\n").map((line) => by + line);
}

/** What the result view needs besides the report. */
export interface ResultContext {
  /** The kata to offer when this one is green; `undefined` when every kata passes. */
  next?: string;
  /** The backend forced with `--backend`. */
  forced?: string;
  /** The WebGPU adapter's name. */
  adapter?: string;
}

/**
 * The headline of a result: its first line, what a learner looks for.
 *
 * @param report The report.
 * @param paint Colours.
 * @returns "✗ 05_adam — 3 of 12 cases pass".
 *
 * @example
 * ```ts
 * import { headline, painter } from "./render.ts";
 * import { strictEqual } from "node:assert";
 * const report = { dir: "05_adam", status: "passing" as const, passed: 12, failed: 0, skipped: 0,
 *   compileErrors: [], backends: ["cpu"], skippedBackends: {}, typeCheck: "ok" as const };
 * strictEqual(headline(report, painter(false)), "✓ 05_adam — all 12 cases pass");
 * ```
 */
export function headline(report: KataReport, paint: Painter): string {
  const total = report.passed + report.failed;
  switch (report.status) {
    case "passing":
      return paint("green", `✓ ${report.dir} — all ${total} cases pass`);
    case "not started":
      return paint("red", `✗ ${report.dir} — 0 of ${total} cases pass (not started)`);
    case "failing":
      return paint(
        "red",
        report.failed === 0
          ? `✗ ${report.dir} — all ${total} cases pass, but the type check fails`
          : `✗ ${report.dir} — ${report.passed} of ${total} cases pass`,
      );
    case "waiting":
      return paint(
        "yellow",
        `○ ${report.dir} — waiting for an earlier kata: ${report.passed} of ${total} cases pass`,
      );
    case "error":
      return paint("red", `✗ ${report.dir} — ${report.problem ?? "the run failed"}`);
  }
}

/**
 * The result of a run: headline, backend, compile errors with file:line, the
 * first failing case with its teaching message, the type check, what next.
 *
 * @param report The report.
 * @param context The next kata, the forced backend, the adapter name.
 * @param paint Colours.
 * @returns The lines.
 *
 * @example
 * ```ts
 * import { painter, renderResult } from "./render.ts";
 * import { ok } from "node:assert";
 * const report = { dir: "05_adam", status: "failing" as const, passed: 1, failed: 1, skipped: 0,
 *   compileErrors: [], backends: ["cpu"], skippedBackends: {}, typeCheck: "ok" as const,
 *   failure: { name: "adam() corrects bias [cpu]", message: "expected 1, got 2" } };
 * const text = renderResult(report, {}, painter(false)).join("\n");
 * ok(text.includes("First failing case: adam() corrects bias [cpu]\n    expected 1, got 2"));
 * ```
 */
export function renderResult(report: KataReport, context: ResultContext, paint: Painter): string[] {
  const lines = [headline(report, paint)];
  if (report.backends.length || Object.keys(report.skippedBackends).length) {
    lines.push(paint("dim", backendLine(report, context.forced, context.adapter)));
  }
  if (report.problem && report.status !== "error") lines.push(paint("yellow", report.problem));
  const shown = report.compileErrors.slice(0, 3);
  for (const error of shown) {
    lines.push(
      "",
      paint("bold", `${error.file}:${error.line}:${error.column}`) + ` — ${error.message}`,
    );
    lines.push(...error.excerpt.slice(0, 4).map((l) => paint("dim", `    ${l}`)));
  }
  if (report.compileErrors.length > shown.length) {
    lines.push(
      paint("dim", `… and ${report.compileErrors.length - shown.length} more compile errors`),
    );
  }
  if (report.failure && report.status !== "error") {
    lines.push(
      "",
      paint("bold", `First failing case: ${report.failure.name}`),
      ...indent(report.failure.message),
    );
    if (report.failed > 1) lines.push(paint("dim", `(${report.failed - 1} more failing)`));
  }
  if (report.typeCheck === "pending") lines.push("", paint("dim", "type check: running…"));
  if (report.status === "passing" && report.typeCheck !== "pending") {
    lines.push(
      "",
      paint(
        "green",
        "Press f to see this kata's figures: the lecture's pictures, drawn from your code.",
      ),
      context.next
        ? paint(
          "green",
          `Green! Press n for the next kata, ${context.next} (or keep refining this one).`,
        )
        : paint("green", "Green! Every kata passes. Well done."),
    );
  } else if (report.status !== "error" || report.compileErrors.length) {
    const stub = kataFiles(report.dir).stub;
    lines.push("", paint("dim", `Edit ${stub} and save: the tests run again.`));
  }
  return lines;
}

/**
 * The hints shown so far, the newest last.
 *
 * @param dir The kata folder.
 * @param hints All three tiers.
 * @param shown How many tiers have been revealed (1 to 3).
 * @param paint Colours.
 * @param onlyNewest Show the newest tier alone (a short terminal).
 * @returns The lines.
 *
 * @example
 * ```ts
 * import { painter, renderHints } from "./render.ts";
 * import { strictEqual } from "node:assert";
 * const hints = [{ tier: 1, title: "concept", body: "A" }, { tier: 2, title: "formula", body: "B" }];
 * strictEqual(renderHints("05_adam", hints, 1, painter(false)).join("\n").includes("B"), false);
 * ```
 */
export function renderHints(
  dir: string,
  hints: Hint[],
  shown: number,
  paint: Painter,
  onlyNewest = false,
): string[] {
  const lines = [paint("bold", `Hints for ${dir} — ${shown} of ${hints.length}`)];
  for (const hint of hints.slice(onlyNewest ? shown - 1 : 0, shown)) {
    lines.push("", paint("cyan", `Hint ${hint.tier} — ${hint.title}`), ...indent(hint.body, "  "));
  }
  lines.push(
    "",
    paint(
      "dim",
      shown < hints.length
        ? "h: next hint · enter: back to the result"
        : "That was the last hint · enter: back",
    ),
  );
  return lines;
}

/**
 * The swap moment of pair mode.
 *
 * @param round The round that just ended.
 * @param paint Colours.
 * @param waitForKey Whether the next round starts on a key press.
 * @returns The lines.
 *
 * @example
 * ```ts
 * import { painter, renderSwap } from "./render.ts";
 * import { ok } from "node:assert";
 * ok(renderSwap(1, painter(false), true).join("\n").includes("SWAP"));
 * ```
 */
export function renderSwap(round: number, paint: Painter, waitForKey: boolean): string[] {
  const bar = "═".repeat(44);
  return [
    paint("yellow", bar),
    paint("bold", paint("yellow", "   ⇄  SWAP: driver and navigator change seats")),
    paint("yellow", bar),
    `   Round ${round} is over. The navigator takes the keyboard.`,
    waitForKey ? "   Press any key to start the next round." : "   The next round has started.",
  ];
}

/**
 * The pair timer's status line.
 *
 * @param remainingMs Time left.
 * @param round The round.
 * @param paused Whether the timer is paused (a hint is open).
 * @returns "pair · round 2 · 6:42 left" or "… paused while you read the hint".
 *
 * @example
 * ```ts
 * import { pairLine } from "./render.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(pairLine(402_000, 2, false), "pair · round 2 · 6:42 left until the swap");
 * ```
 */
export function pairLine(remainingMs: number, round: number, paused: boolean): string {
  return `pair · round ${round} · ${formatCountdown(remainingMs)} ${
    paused ? "left, paused while you read the hint" : "left until the swap"
  }`;
}

/**
 * The key help line.
 *
 * @param hintsShown Hint tiers seen for the current kata.
 * @returns "h hint (1/3) · l list · …".
 *
 * @example
 * ```ts
 * import { keyLine } from "./render.ts";
 * import { ok } from "node:assert";
 * ok(keyLine(1).startsWith("h hint 2/3 · l list"));
 * ```
 */
export function keyLine(hintsShown: number): string {
  return KEY_HELP.map(([key, what]) =>
    key === "h" && hintsShown < 3 ? `h hint ${hintsShown + 1}/3` : `${key} ${what}`
  )
    .join(" · ") + " · 1–9, 0, -, = go to katas 1–12";
}

/**
 * The help screen.
 *
 * @returns The lines.
 *
 * @example
 * ```ts
 * import { renderHelp } from "./render.ts";
 * import { ok } from "node:assert";
 * ok(renderHelp().some((l) => l.includes("run all")));
 * ```
 */
export function renderHelp(): string[] {
  return [
    "grad-dojo's guided loop: the current kata's tests run on every save.",
    "",
    "  h   show the next hint (concept, then formula, then pseudocode)",
    "  l   list every kata with its progress",
    "  r   run all katas and update the progress",
    "  s   skip this kata for now (come back with l or its number)",
    "  n   go to the next kata (once this one is green)",
    "  f   draw this kata's figures from your code (once it is green; deno task show)",
    "  1–9, 0, -, = go to kata 1–12 (the number row)",
    "  q   quit (progress is in .grad-dojo-progress.json)",
    "",
    "Without a terminal, type the letter or the word and press enter.",
  ];
}
