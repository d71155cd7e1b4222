/**
 * The loop's actions as one-shot subcommands, for scripts and terminals
 * without raw mode: `list`, `hint <kata>`, `run <kata>`, `check`. Each prints
 * plain text and returns an exit code: 0 on success (green for `run` and
 * `check`), 1 when not green, 2 on bad input.
 *
 * @module
 */
import { findKata, KATA_DIRS, kataFiles, missingFiles } from "../kata/catalogue.ts";
import { loadHints } from "./hints.ts";
import { ProgressStore } from "./progress.ts";
import { headline, type Painter, progressBar, renderList, renderResult } from "./render.ts";
import { kataRows, scanKatas } from "./rows.ts";
import { type BackendRequest, runKata } from "./run_kata.ts";

/** What every subcommand needs. */
export interface CommandContext {
  /** The repository root. */
  root: string;
  /** Prints a line. */
  print: (line: string) => void;
  /** Colours. */
  paint: Painter;
  /** A backend to force. */
  backend?: BackendRequest;
  /** Per-kata timeout in seconds. */
  timeoutSeconds: number;
}

async function openStore(context: CommandContext): Promise<ProgressStore> {
  const store = await ProgressStore.open(context.root);
  for (const notice of store.notices.splice(0)) context.print(context.paint("yellow", notice));
  return store;
}

function flushNotices(store: ProgressStore, context: CommandContext): void {
  for (const notice of store.notices.splice(0)) context.print(context.paint("yellow", notice));
}

function resolveOrSay(input: string, context: CommandContext): string | undefined {
  try {
    return findKata(input);
  } catch (error) {
    context.print(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

/**
 * `list`: every kata with its verified progress (no test is run).
 *
 * @param context Root, output, colours.
 * @returns 0.
 *
 * @example
 * ```ts ignore
 * import { listCommand } from "./commands.ts";
 * import { painter } from "./render.ts";
 * await listCommand({ root: Deno.cwd(), print: console.log, paint: painter(false), timeoutSeconds: 30 });
 * ```
 */
export async function listCommand(context: CommandContext): Promise<number> {
  const store = await openStore(context);
  const rows = kataRows(store.progress, await scanKatas(context.root));
  for (const line of renderList(rows, store.progress.current, context.paint)) context.print(line);
  context.print("");
  context.print(progressBar(rows, context.paint));
  if (rows.some((r) => r.state === "changed" || r.state === "unchecked")) {
    context.print(
      context.paint("dim", "Katas not run yet or changed since: deno task start check"),
    );
  }
  return 0;
}

/**
 * `hint <kata>`: shows the next hint tier and records it.
 *
 * @param input The kata as typed.
 * @param context Root, output, colours.
 * @returns 0, or 2 for an unknown kata or a missing hints file.
 *
 * @example
 * ```ts ignore
 * import { hintCommand } from "./commands.ts";
 * import { painter } from "./render.ts";
 * await hintCommand("05", { root: Deno.cwd(), print: console.log, paint: painter(false), timeoutSeconds: 30 });
 * ```
 */
export async function hintCommand(input: string, context: CommandContext): Promise<number> {
  const dir = resolveOrSay(input, context);
  if (!dir) return 2;
  let hints;
  try {
    hints = await loadHints(context.root, kataFiles(dir).hints);
  } catch (error) {
    context.print(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const store = await openStore(context);
  const entry = store.entry(dir);
  const allSeen = entry.hints >= hints.length;
  const tier = allSeen ? hints.length : entry.hints + 1;
  entry.hints = tier;
  await store.save();
  flushNotices(store, context);
  const hint = hints[tier - 1];
  context.print(
    context.paint("cyan", `Hint ${hint.tier} of ${hints.length} for ${dir} — ${hint.title}`),
  );
  context.print("");
  for (const line of hint.body.split("\n")) context.print(line);
  context.print("");
  context.print(context.paint(
    "dim",
    allSeen
      ? "That was the last hint (all three were shown before)."
      : tier < hints.length
      ? `Run it again for hint ${tier + 1}.`
      : "That was the last hint.",
  ));
  return 0;
}

/**
 * `run <kata>`: runs one kata once, records the result, prints it.
 *
 * @param input The kata as typed.
 * @param context Root, output, colours, backend, timeout.
 * @returns 0 when green, 1 when not, 2 for an unknown or missing kata.
 *
 * @example
 * ```ts ignore
 * import { runCommand } from "./commands.ts";
 * import { painter } from "./render.ts";
 * Deno.exitCode = await runCommand("05", { root: Deno.cwd(), print: console.log, paint: painter(false),
 *   timeoutSeconds: 30 });
 * ```
 */
export async function runCommand(input: string, context: CommandContext): Promise<number> {
  const dir = resolveOrSay(input, context);
  if (!dir) return 2;
  const missing = await missingFiles(context.root, dir);
  if (missing.length) {
    context.print(`Cannot run kata ${dir}: ${missing.join(" and ")} missing (deleted or renamed?)`);
    return 2;
  }
  const store = await openStore(context);
  const scan = await scanKatas(context.root, [dir]);
  const report = await runKata(context.root, dir, {
    backend: context.backend,
    timeoutSeconds: context.timeoutSeconds,
  });
  await store.record(report, scan.fingerprints.get(dir)!.hash);
  flushNotices(store, context);
  const next = KATA_DIRS.slice(KATA_DIRS.indexOf(dir as typeof KATA_DIRS[number]) + 1)[0];
  for (const line of renderResult(report, { next, forced: context.backend }, context.paint)) {
    context.print(line);
  }
  return report.status === "passing" ? 0 : 1;
}

/**
 * `check`: re-runs every kata present, records each result, prints the list.
 *
 * @param context Root, output, colours, backend, timeout.
 * @returns 0 when every kata passes, else 1.
 *
 * @example
 * ```ts ignore
 * import { checkCommand } from "./commands.ts";
 * import { painter } from "./render.ts";
 * Deno.exitCode = await checkCommand({ root: Deno.cwd(), print: console.log, paint: painter(false),
 *   timeoutSeconds: 30 });
 * ```
 */
export async function checkCommand(context: CommandContext): Promise<number> {
  const store = await openStore(context);
  const scan = await scanKatas(context.root);
  for (const dir of KATA_DIRS) {
    if (!scan.present.get(dir)) continue;
    const report = await runKata(context.root, dir, {
      backend: context.backend,
      timeoutSeconds: context.timeoutSeconds,
    });
    await store.record(report, scan.fingerprints.get(dir)!.hash);
    flushNotices(store, context);
    context.print(headline(report, context.paint));
  }
  const rows = kataRows(store.progress, scan);
  context.print("");
  for (const line of renderList(rows, store.progress.current, context.paint)) context.print(line);
  context.print("");
  context.print(progressBar(rows, context.paint));
  return rows.every((r) => r.state === "passing") ? 0 : 1;
}
