/**
 * What a kata's run must report, learned by running the instructor's reference
 * through the same sandbox: the solutions where the instructor's copy has them
 * (then every case must pass: a failing one is reported to the instructor), the
 * shipped stubs otherwise (a release). The guard's report gives the visible and
 * hidden case names; the audit log gives the permissions the reference itself
 * asks for. Results are cached by a checksum of everything they depend on.
 *
 * @module
 */
import { cleanMessage, type ExpectedCases, permissionKey } from "./evaluate.ts";
import { sha256, walkFiles } from "./files.ts";
import type { GuardReport } from "./guard.ts";
import type { KataRun } from "./kata_job.ts";

/** What the reference run of one kata taught. */
export interface ReferenceCases extends ExpectedCases {
  /** "solution" when the solution ran, "stub" when only the stub could. */
  reference: "solution" | "stub";
  /** Problems with the instructor's copy (cases failing on the solution). */
  warnings: string[];
}

/** Bump when the meaning of a cached entry changes. */
const CACHE_VERSION = 3;

/**
 * A checksum of everything a reference run depends on: the library, the data,
 * the katas, the solutions and hidden tests, the import map, the grader's
 * guard and the Deno version.
 *
 * @param root The instructor's copy.
 * @returns 64 hex digits.
 *
 * @example
 * ```ts ignore
 * import { referenceChecksum } from "./reference.ts";
 * console.log(await referenceChecksum("."));
 * ```
 */
export async function referenceChecksum(root: string): Promise<string> {
  const parts: string[] = [`v${CACHE_VERSION}`, Deno.version.deno];
  const add = async (base: string, label: string) => {
    const { files } = await walkFiles(base).catch(() => ({ files: [] }));
    for (const file of files) {
      parts.push(
        `${label}/${file.path}`,
        await sha256(await Deno.readFile(`${base}/${file.path}`)),
      );
    }
  };
  await add(`${root}/lib`, "lib");
  await add(`${root}/data`, "data");
  await add(`${root}/katas`, "katas");
  await add(`${root}/solutions`, "solutions");
  for (const name of ["deno.json", "deno.lock"]) {
    try {
      parts.push(name, await sha256(await Deno.readFile(`${root}/${name}`)));
    } catch { /* absent */ }
  }
  for (
    const name of ["guard.ts", "guard_tail.ts", "sandbox/layout.ts", "sandbox/run.ts", "batch.ts"]
  ) {
    parts.push(name, await sha256(await Deno.readFile(new URL(name, import.meta.url))));
  }
  return await sha256(new TextEncoder().encode(parts.join("\n")));
}

/**
 * The folder of the grader's caches: reference case lists and the sandboxes'
 * compiled-code cache.
 *
 * @returns `$TMPDIR/grad-dojo-cache`.
 */
export function cacheDir(): string {
  const base = Deno.env.get("TMPDIR") ?? Deno.env.get("TEMP") ?? Deno.env.get("TMP") ?? "/tmp";
  return `${base.replace(/\\/g, "/")}/grad-dojo-cache`;
}

/**
 * Reads a cached reference, if any.
 *
 * @param checksum From {@linkcode referenceChecksum}.
 * @param kata The kata folder.
 * @returns The cached cases, or null.
 */
export async function readCachedReference(
  checksum: string,
  kata: string,
): Promise<ReferenceCases | null> {
  try {
    const value = JSON.parse(await Deno.readTextFile(`${cacheDir()}/${checksum}-${kata}.json`));
    return Array.isArray(value.visible) && Array.isArray(value.hidden) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Caches a reference.
 *
 * @param checksum From {@linkcode referenceChecksum}.
 * @param kata The kata folder.
 * @param cases What to cache.
 */
export async function writeCachedReference(
  checksum: string,
  kata: string,
  cases: ReferenceCases,
): Promise<void> {
  try {
    await Deno.mkdir(cacheDir(), { recursive: true });
    // Written aside, then renamed: a grader running at the same time never reads half a file.
    const path = `${cacheDir()}/${checksum}-${kata}.json`;
    const temporary = `${path}.${crypto.randomUUID()}.tmp`;
    await Deno.writeTextFile(temporary, JSON.stringify(cases));
    await Deno.rename(temporary, path);
  } catch { /* a cache that cannot be written is only slower */ }
}

/**
 * Reads the expected cases from the reference's run.
 *
 * @param kata The kata folder.
 * @param job The reference's run.
 * @param solved Whether the solution ran (then failures are reported).
 * @returns What every submission's run of this kata must report.
 * @throws {Error} When the reference run did not finish with a guard report.
 *
 * @example
 * ```ts ignore
 * import { learnReference } from "./reference.ts";
 * const cases = learnReference("05_adam", await runKata(context, 0, "/tmp/ref/katas", "05_adam"), true);
 * ```
 */
export function learnReference(kata: string, job: KataRun, solved: boolean): ReferenceCases {
  const { layout, run } = job;
  const clean = (text: string) => cleanMessage(text, layout.dir, layout.nonce, layout.hiddenName);
  const reportCase = run.cases.find((c) => c.name === `grader canary ${layout.nonce}: report`);
  const at = reportCase ? clean(reportCase.message).indexOf("[grader] report ") : -1;
  if (!reportCase || at < 0) {
    const output = clean(run.output).trim().split("\n").slice(-12).join("\n");
    throw new Error(
      `Cannot grade ${kata}: its suite does not run on the instructor's ${
        solved ? "solution" : "stub"
      }${run.timedOut ? " (it timed out)" : ""}:\n${output}`,
    );
  }
  const report = JSON.parse(
    clean(reportCase.message).slice(at + "[grader] report ".length).split("\n")[0],
  ) as GuardReport;
  const names = (phase: string) =>
    report.registrations.filter((r) => r.phase === phase && !r.ignored).map((r) => r.name);
  const visible = names("visible");
  const hidden = names("hidden");
  const clash = hidden.filter((name) => visible.includes(name));
  if (clash.length) {
    throw new Error(
      `Cannot grade ${kata}: hidden cases must not share a visible case's name: "${clash[0]}"`,
    );
  }
  const warnings: string[] = [];
  for (const incident of report.incidents) {
    warnings.push(
      `${kata}: the guard noted "${incident}" while running the instructor's own code; ` +
        "submissions doing the same will be marked as tampering (a grader bug: please report it)",
    );
  }
  if (solved) {
    for (const name of [...visible, ...hidden]) {
      const result = run.cases.find((c) => c.name === name);
      if (result?.status !== "passed") {
        warnings.push(
          `${kata}: the reference solution ${result ? "fails" : "does not report"} ${
            hidden.includes(name) ? "hidden" : "visible"
          } case "${name}"`,
        );
      }
    }
  }
  const permissions = [
    ...new Set(
      run.permissionRequests.map((r) =>
        permissionKey({ permission: r.permission, value: clean(r.value) })
      ),
    ),
  ];
  return { visible, hidden, permissions, reference: solved ? "solution" : "stub", warnings };
}
