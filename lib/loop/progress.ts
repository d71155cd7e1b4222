/**
 * The learner's progress, kept in `.grad-dojo-progress.json` at the repository
 * root: small, readable, and committed with the code so that a pair can swap
 * laptops. Every result in it comes from a verified test run, never from a key
 * press, and carries the hash of the files it was run on (`files`) and a
 * `seal` over the result itself, so that a stale or hand-edited entry is
 * noticed and re-checked. The file looks like this:
 *
 * ```json
 * {
 *   "format": "grad-dojo progress 1",
 *   "current": "05_adam",
 *   "katas": {
 *     "05_adam": {
 *       "status": "failing",
 *       "passed": 3,
 *       "total": 12,
 *       "backend": "cpu",
 *       "checked": "2025-11-27T08:15:00.000Z",
 *       "files": "4b1f0c9e2a7d3e11",
 *       "seal": "9a0e55c1d2b37f40",
 *       "hints": 1,
 *       "skipped": false
 *     }
 *   }
 * }
 * ```
 *
 * `status` is "passing", "failing", "not started", "waiting" or "error"; `passed` of
 * `total` cases passed on `backend`; `hints` is how many hint tiers were shown;
 * `skipped` marks a kata the learner skipped to come back to later. A file that
 * cannot be read is rebuilt, with a message; one that cannot be written leaves
 * the loop working read-only, and it says so.
 *
 * @module
 */
import { KATA_DIRS } from "../kata/catalogue.ts";
import { shortHash } from "./fingerprint.ts";
import type { KataReport, KataStatus } from "./summary.ts";

/** The progress file's name, at the repository root. */
export const PROGRESS_FILE = ".grad-dojo-progress.json";

/** The `format` field of the current file layout. */
export const PROGRESS_FORMAT = "grad-dojo progress 1";

const STATUSES: readonly KataStatus[] = ["passing", "failing", "not started", "waiting", "error"];

/** A verified result of one kata. */
export interface KataResult {
  /** What the run showed. */
  status: KataStatus;
  /** Cases that passed. */
  passed: number;
  /** Cases that ran (passed or failed). */
  total: number;
  /** The backends the cases ran on, e.g. "cpu" or "cpu+webgpu". */
  backend: string;
  /** When the result last changed, ISO 8601. */
  checked: string;
  /** The fingerprint of the kata's files when it ran. */
  files: string;
  /** A hash over the fields above, to notice hand edits. */
  seal: string;
}

/** One kata's entry. */
export interface KataProgress {
  /** The last verified result, if any. */
  result?: KataResult;
  /** How many hint tiers the learner has seen (0 to 3). */
  hints: number;
  /** Whether the learner skipped this kata for now. */
  skipped: boolean;
}

/** The whole file. */
export interface Progress {
  /** The kata the learner is on, if chosen. */
  current?: string;
  /** Entries by kata folder. */
  katas: Record<string, KataProgress>;
}

/**
 * The seal of a result: 16 hex digits over its kata, status, counts, backend and files hash.
 *
 * @param dir The kata folder.
 * @param result The result, without its seal.
 * @returns The seal.
 *
 * @example
 * ```ts
 * import { sealOf } from "./progress.ts";
 * import { notStrictEqual } from "node:assert";
 * const r = { status: "passing" as const, passed: 2, total: 2, backend: "cpu", files: "ab" };
 * notStrictEqual(await sealOf("05_adam", r), await sealOf("05_adam", { ...r, passed: 1 }));
 * ```
 */
export function sealOf(dir: string, result: Omit<KataResult, "seal" | "checked">): Promise<string> {
  return shortHash(
    ["grad-dojo", dir, result.status, result.passed, result.total, result.backend, result.files]
      .join("|"),
  );
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/**
 * Reads the progress file's text, repairing what it can and listing each repair.
 *
 * @param text The file's text.
 * @returns The progress and the problems found (empty when the file was sound).
 *
 * @example
 * ```ts
 * import { parseProgress } from "./progress.ts";
 * import { strictEqual } from "node:assert";
 * const { progress, problems } = await parseProgress("{ not json");
 * strictEqual(Object.keys(progress.katas).length, 0);
 * strictEqual(problems.length, 1);
 * ```
 */
export async function parseProgress(
  text: string,
): Promise<{ progress: Progress; problems: string[] }> {
  const progress: Progress = { katas: {} };
  const problems: string[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    problems.push(
      `it is not valid JSON (${error instanceof Error ? error.message : error}); started afresh`,
    );
    return { progress, problems };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    problems.push("it does not hold an object; started afresh");
    return { progress, problems };
  }
  const file = data as Record<string, unknown>;
  if (file.format !== PROGRESS_FORMAT) {
    problems.push(`its "format" was ${JSON.stringify(file.format)}, not "${PROGRESS_FORMAT}"`);
  }
  if (file.current !== undefined) {
    if (
      typeof file.current === "string" && (KATA_DIRS as readonly string[]).includes(file.current)
    ) {
      progress.current = file.current;
    } else problems.push(`"current" named no kata (${JSON.stringify(file.current)}); dropped`);
  }
  const katas = file.katas;
  if (
    katas !== undefined && (typeof katas !== "object" || katas === null || Array.isArray(katas))
  ) {
    problems.push(`"katas" was not an object; started afresh`);
    return { progress, problems };
  }
  for (const [dir, raw] of Object.entries((katas ?? {}) as Record<string, unknown>)) {
    if (!(KATA_DIRS as readonly string[]).includes(dir)) {
      problems.push(`unknown kata "${dir}" dropped`);
      continue;
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      problems.push(`the entry of ${dir} was not an object; it will be re-checked`);
      continue;
    }
    const entry = raw as Record<string, unknown>;
    const kata: KataProgress = { hints: 0, skipped: false };
    if (entry.hints !== undefined) {
      if (isCount(entry.hints) && entry.hints <= 3) kata.hints = entry.hints;
      else {problems.push(
          `hints of ${dir} was ${JSON.stringify(entry.hints)}, not 0 to 3; reset to 0`,
        );}
    }
    if (entry.skipped !== undefined) {
      if (typeof entry.skipped === "boolean") kata.skipped = entry.skipped;
      else {problems.push(
          `skipped of ${dir} was ${JSON.stringify(entry.skipped)}, not true or false; reset`,
        );}
    }
    if (entry.status !== undefined || entry.seal !== undefined) {
      const sound = STATUSES.includes(entry.status as KataStatus) && isCount(entry.passed) &&
        isCount(entry.total) && (entry.passed as number) <= (entry.total as number) &&
        typeof entry.backend === "string" && typeof entry.files === "string" &&
        typeof entry.seal === "string" && typeof entry.checked === "string";
      if (!sound) {
        problems.push(`the result of ${dir} was incomplete; it will be re-checked`);
      } else {
        const result = {
          status: entry.status as KataStatus,
          passed: entry.passed as number,
          total: entry.total as number,
          backend: entry.backend as string,
          checked: entry.checked as string,
          files: entry.files as string,
          seal: entry.seal as string,
        };
        if (await sealOf(dir, result) === result.seal) kata.result = result;
        else {problems.push(
            `the result of ${dir} does not match its seal (edited by hand?); it will be re-checked`,
          );}
      }
    }
    progress.katas[dir] = kata;
  }
  return { progress, problems };
}

/**
 * Writes progress as the file's text: fixed key order, two-space indent,
 * katas in course order, a final newline (so git diffs stay small).
 *
 * @param progress The progress.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { parseProgress, serializeProgress } from "./progress.ts";
 * import { deepStrictEqual } from "node:assert";
 * const progress = { current: "05_adam", katas: { "05_adam": { hints: 2, skipped: false } } };
 * deepStrictEqual((await parseProgress(serializeProgress(progress))).progress, progress);
 * ```
 */
export function serializeProgress(progress: Progress): string {
  const katas: Record<string, unknown> = {};
  for (const dir of KATA_DIRS) {
    const kata = progress.katas[dir];
    if (!kata) continue;
    const r = kata.result;
    katas[dir] = {
      ...(r
        ? {
          status: r.status,
          passed: r.passed,
          total: r.total,
          backend: r.backend,
          checked: r.checked,
          files: r.files,
          seal: r.seal,
        }
        : {}),
      hints: kata.hints,
      skipped: kata.skipped,
    };
  }
  const file = {
    format: PROGRESS_FORMAT,
    ...(progress.current ? { current: progress.current } : {}),
    katas,
  };
  return JSON.stringify(file, null, 2) + "\n";
}

/**
 * The progress file on disk: loads (repairing), keeps results, hint tiers and
 * skips, and saves after each change, or works read-only when it cannot write.
 *
 * @example
 * ```ts ignore
 * import { ProgressStore } from "./progress.ts";
 * const store = await ProgressStore.open(Deno.cwd());
 * for (const line of store.notices) console.log(line);
 * ```
 */
export class ProgressStore {
  /** The progress in memory. */
  readonly progress: Progress;
  /** Messages to show the learner (repairs, read-only). */
  readonly notices: string[] = [];
  /** Why the file cannot be written, once a write has failed. */
  readOnly: string | undefined;
  #path: string;
  #written: string | undefined;

  private constructor(path: string, progress: Progress, written: string | undefined) {
    this.#path = path;
    this.progress = progress;
    this.#written = written;
  }

  /**
   * Loads the file at `root/.grad-dojo-progress.json`; repairs and re-saves it
   * when it was damaged.
   *
   * @param root The repository root.
   * @returns The store; its `notices` say what was repaired.
   */
  static async open(root: string): Promise<ProgressStore> {
    const path = `${root}/${PROGRESS_FILE}`;
    let text: string | undefined;
    try {
      text = await Deno.readTextFile(path);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) {
        const store = new ProgressStore(path, { katas: {} }, undefined);
        store.readOnly = `cannot read it (${error instanceof Error ? error.message : error})`;
        store.notices.push(
          `Cannot read ${PROGRESS_FILE}: ${store.readOnly}; progress is not saved this session`,
        );
        return store;
      }
    }
    if (text === undefined) return new ProgressStore(path, { katas: {} }, undefined);
    const { progress, problems } = await parseProgress(text);
    const store = new ProgressStore(path, progress, text);
    if (problems.length) {
      store.notices.push(`Repaired ${PROGRESS_FILE}: ${problems.join("; ")}`);
      await store.save();
    }
    return store;
  }

  /**
   * Writes the file if it changed. A failure switches the store to read-only
   * and adds a notice; it never throws.
   *
   * @returns Whether the file on disk now matches memory.
   */
  async save(): Promise<boolean> {
    const text = serializeProgress(this.progress);
    if (text === this.#written) return true;
    if (this.readOnly) return false;
    try {
      await Deno.writeTextFile(this.#path, text);
      this.#written = text;
      return true;
    } catch (error) {
      const why = error instanceof Error
        ? error.message.replace(/, (open|write) '.*'$/, "")
        : String(error);
      this.readOnly = why;
      this.notices.push(
        `Cannot save ${PROGRESS_FILE}: ${why} — working read-only, progress lasts until you quit`,
      );
      return false;
    }
  }

  /**
   * A kata's entry, created empty if needed.
   *
   * @param dir The kata folder.
   * @returns The entry.
   */
  entry(dir: string): KataProgress {
    return this.progress.katas[dir] ??= { hints: 0, skipped: false };
  }

  /**
   * The stored result of a kata, if it was run on exactly these files.
   *
   * @param dir The kata folder.
   * @param files The kata's current fingerprint hash.
   * @returns The result, or `undefined` when there is none or it is stale.
   */
  freshResult(dir: string, files: string): KataResult | undefined {
    const result = this.progress.katas[dir]?.result;
    return result && result.files === files ? result : undefined;
  }

  /**
   * Stores a verified run's result and saves.
   *
   * @param report The run's report (type check included).
   * @param files The fingerprint hash of the files it ran on.
   * @param now The time to record.
   * @returns The stored result.
   */
  async record(report: KataReport, files: string, now = new Date()): Promise<KataResult> {
    const entry = this.entry(report.dir);
    const base = {
      status: report.status,
      passed: report.passed,
      total: report.passed + report.failed,
      backend: report.backends.join("+") || "none",
      files,
    };
    const old = entry.result;
    const same = old && old.status === base.status && old.passed === base.passed &&
      old.total === base.total && old.backend === base.backend && old.files === base.files;
    if (!same) {
      entry.result = { ...base, checked: now.toISOString(), seal: await sealOf(report.dir, base) };
    }
    if (report.status === "passing") entry.skipped = false;
    await this.save();
    return entry.result!;
  }
}
