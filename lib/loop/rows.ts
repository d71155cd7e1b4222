/**
 * The kata list's rows: for each kata, its stored result if that result was
 * verified on the files as they are now, else why there is none (never run,
 * changed since, folder missing).
 *
 * @module
 */
import { KATA_DIRS, kataFiles } from "../kata/catalogue.ts";
import { type Fingerprint, kataFingerprint } from "./fingerprint.ts";
import type { Progress } from "./progress.ts";
import type { KataRow } from "./render.ts";

/** What is known of the katas on disk. */
export interface KataScan {
  /** Whether each kata's stub and test file are there. */
  present: Map<string, boolean>;
  /** Each kata's fingerprint. */
  fingerprints: Map<string, Fingerprint>;
}

/**
 * Looks at katas on disk: presence and fingerprints.
 *
 * @param root The repository root.
 * @param dirs The katas to look at.
 * @param into A scan to update (a new one by default).
 * @returns The scan.
 *
 * @example
 * ```ts ignore
 * import { scanKatas } from "./rows.ts";
 * const scan = await scanKatas(Deno.cwd(), ["05_adam"]);
 * console.log(scan.present.get("05_adam"));
 * ```
 */
export async function scanKatas(
  root: string,
  dirs: readonly string[] = KATA_DIRS,
  into: KataScan = { present: new Map(), fingerprints: new Map() },
): Promise<KataScan> {
  await Promise.all(dirs.map(async (dir) => {
    const { stub, test } = kataFiles(dir);
    const found = await Promise.all(
      [stub, test].map((p) => Deno.stat(`${root}/${p}`).then(() => true, () => false)),
    );
    into.present.set(dir, found.every(Boolean));
    into.fingerprints.set(dir, await kataFingerprint(root, dir));
  }));
  return into;
}

/**
 * One row per kata, in course order.
 *
 * @param progress The stored progress.
 * @param scan Presence and fingerprints.
 * @param running Katas being run now.
 * @returns The rows.
 *
 * @example
 * ```ts
 * import { kataRows } from "./rows.ts";
 * import { strictEqual } from "node:assert";
 * const scan = { present: new Map([["05_adam", true]]), fingerprints: new Map([["05_adam", { hash: "new", files: [] }]]) };
 * const result = { status: "passing" as const, passed: 2, total: 2, backend: "cpu", checked: "", files: "old", seal: "" };
 * const rows = kataRows({ katas: { "05_adam": { result, hints: 0, skipped: false } } }, scan);
 * strictEqual(rows[4].state, "changed");
 * strictEqual(rows[0].state, "missing");
 * ```
 */
export function kataRows(
  progress: Progress,
  scan: KataScan,
  running: ReadonlySet<string> = new Set(),
): KataRow[] {
  return KATA_DIRS.map((dir) => {
    const entry = progress.katas[dir];
    const base = { dir, hints: entry?.hints ?? 0, skipped: entry?.skipped ?? false };
    if (running.has(dir)) return { ...base, state: "running" as const };
    if (!scan.present.get(dir)) return { ...base, state: "missing" as const };
    const result = entry?.result;
    if (result && result.files === scan.fingerprints.get(dir)?.hash) {
      return { ...base, state: result.status, passed: result.passed, total: result.total };
    }
    return { ...base, state: result ? "changed" as const : "unchecked" as const };
  });
}
