/**
 * The static half of the sandbox. Deno does not ask for a permission to load a
 * module, so a submission could import the reference solution or the hidden
 * tests by path (`import("/home/prof/grad-dojo/solutions/05_adam/adam.ts")`).
 * Before running anything, the grader lints the submitted files with
 * `import_rules_plugin.ts` and refuses:
 *
 * - `import()` in any form, and `import x = require(…)`;
 * - references to the runtime's internals (`Deno.internal`, `Deno[…]`);
 * - static imports other than relative paths to `katas/`, `lib/` (except
 *   `lib/testing/` and the grader) and `data/`, and `node:assert`.
 *
 * Code generation from strings (`eval`, `new Function`) is switched off in the
 * child, so these cannot be built at run time either.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { absolutePath } from "../files.ts";
import type { ImportReport } from "./import_rules_plugin.ts";

/** One import the grader refuses. */
export interface ImportViolation {
  /** The file, relative to the submission ("katas/05_adam/adam.ts"). */
  file: string;
  /** Its line. */
  line: number;
  /** Why it is refused. */
  reason: string;
}

/** What the check found. */
export interface ImportAudit {
  /** Imports refused. */
  violations: ImportViolation[];
  /** Files that do not parse ("katas/05_adam/adam.ts: SyntaxError …"). */
  parseErrors: Map<string, string>;
  /** Which kata folders each kata folder imports from. */
  edges: Map<string, Set<string>>;
}

const ALLOWED_BUILTINS = new Set(["node:assert", "node:assert/strict"]);

function normalise(parts: string[]): string[] | null {
  const out: string[] = [];
  for (const part of parts) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (!out.length) return null;
      out.pop();
    } else out.push(part);
  }
  return out;
}

/**
 * Judges one import of a submitted file.
 *
 * @param file The importing file, relative to the submission ("katas/05_adam/adam.ts").
 * @param report What the plugin saw.
 * @returns null when allowed, else why not; and the path it reaches when relative.
 *
 * @example
 * ```ts
 * import { judgeImport } from "./import_check.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(judgeImport("katas/05_adam/adam.ts", { kind: "static", specifier: "../../lib/mod.ts" }).reason, null);
 * strictEqual(
 *   judgeImport("katas/05_adam/adam.ts", { kind: "static", specifier: "../../solutions/05_adam/adam.ts" }).reason,
 *   'imports "../../solutions/05_adam/adam.ts", outside katas/, lib/ and data/',
 * );
 * ```
 */
export function judgeImport(
  file: string,
  report: ImportReport,
): { reason: string | null; target: string | null } {
  const shown = JSON.stringify(report.specifier ?? "");
  if (report.kind === "dynamic") {
    return {
      reason: `loads a module with import()${report.specifier ? ` (${shown})` : ""}`,
      target: null,
    };
  }
  if (report.kind === "require") return { reason: `loads a module with require()`, target: null };
  if (report.kind === "internals") {
    return { reason: "reaches into the runtime's internals (Deno[…])", target: null };
  }
  const specifier = report.specifier;
  if (specifier === null) return { reason: "imports a computed path", target: null };
  if (ALLOWED_BUILTINS.has(specifier)) return { reason: null, target: null };
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) {
    return {
      reason:
        `imports ${shown}; kata code may import only relative paths in katas/, lib/ and data/`,
      target: null,
    };
  }
  // Deno parses a specifier as a URL: "%2e%2e" is "..", "?" and "#" start a
  // query and a fragment. Kata code needs none of them, so none is allowed.
  if (/[%?#\\]/.test(specifier)) {
    return {
      reason: `imports ${shown}; an import path may not contain %, ?, # or \\`,
      target: null,
    };
  }
  const parts = normalise([...file.split("/").slice(0, -1), ...specifier.split("/")]);
  if (!parts || !["katas", "lib", "data"].includes(parts[0])) {
    return { reason: `imports ${shown}, outside katas/, lib/ and data/`, target: null };
  }
  const target = parts.join("/");
  if (parts[0] === "lib" && (parts[1] === "testing" || parts[1]?.startsWith("grader"))) {
    return { reason: `imports ${shown}; kata code may not import lib/${parts[1]}/`, target };
  }
  return { reason: null, target };
}

function kataFolderOf(path: string): string | null {
  const parts = path.split("/");
  return parts[0] === "katas" && parts.length > 2 ? parts[1] : null;
}

/**
 * Lints a staged submission's files and judges every import.
 *
 * @param submissionRoot The staged submission (holding `katas/`).
 * @returns Refused imports, files that do not parse, and which kata folders import which.
 *
 * @example
 * ```ts ignore
 * import { auditImports } from "./import_check.ts";
 * const audit = await auditImports("/tmp/stage/alice");
 * console.log(audit.violations);
 * ```
 */
export async function auditImports(submissionRoot: string): Promise<ImportAudit> {
  const root = absolutePath(submissionRoot);
  const scratch = await Deno.makeTempDir({ prefix: "grad-dojo-lint-" });
  const plugin = new URL("import_rules_plugin.ts", import.meta.url).href;
  const config = `${scratch}/deno.json`;
  await Deno.writeTextFile(
    config,
    JSON.stringify({
      lint: { plugins: [plugin], rules: { tags: [], include: ["grad-dojo/imports"] } },
    }),
  );
  const audit: ImportAudit = { violations: [], parseErrors: new Map(), edges: new Map() };
  try {
    const { stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["lint", `--config=${config}`, "--json", `${root}/katas`],
      env: { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(stdout);
    let result: {
      diagnostics?: Array<
        { filename: string; range: { start: { line: number } }; message: string; code: string }
      >;
      errors?: Array<{ file_path: string; message: string }>;
    };
    try {
      result = JSON.parse(text);
    } catch {
      const why = new TextDecoder().decode(stderr).trim().split("\n")[0];
      if (/No target files found/i.test(why)) return audit;
      throw new Error(`Cannot check the imports of ${submissionRoot}: deno lint said "${why}"`);
    }
    const relative = (path: string) => {
      const absolute = path.startsWith("file:") ? fileURLToPath(path) : path;
      return absolute.replace(/\\/g, "/").slice(root.length + 1);
    };
    for (const diagnostic of result.diagnostics ?? []) {
      if (diagnostic.code !== "grad-dojo/imports") continue;
      const file = relative(diagnostic.filename);
      const report = JSON.parse(diagnostic.message) as ImportReport;
      const { reason, target } = judgeImport(file, report);
      if (reason) {
        audit.violations.push({ file, line: diagnostic.range.start.line, reason });
        continue;
      }
      const from = kataFolderOf(file);
      const to = target ? kataFolderOf(target) : null;
      if (from && to && from !== to) {
        const set = audit.edges.get(from) ?? new Set();
        set.add(to);
        audit.edges.set(from, set);
      }
    }
    for (const error of result.errors ?? []) {
      audit.parseErrors.set(relative(error.file_path), error.message.split("\n")[0]);
    }
  } finally {
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
  return audit;
}

/**
 * The refused imports that a kata's run would load: those in its own folder
 * and in every kata folder it imports from, directly or not.
 *
 * @param audit The check's result.
 * @param kata The kata folder.
 * @returns The violations that stop the kata from running.
 *
 * @example
 * ```ts
 * import { violationsFor } from "./import_check.ts";
 * import { strictEqual } from "node:assert";
 * const audit = {
 *   violations: [{ file: "katas/05_adam/adam.ts", line: 1, reason: "loads a module with import()" }],
 *   parseErrors: new Map(),
 *   edges: new Map([["06_warmup", new Set(["05_adam"])]]),
 * };
 * strictEqual(violationsFor(audit, "06_warmup").length, 1);
 * strictEqual(violationsFor(audit, "04_momentum").length, 0);
 * ```
 */
export function violationsFor(audit: ImportAudit, kata: string): ImportViolation[] {
  const reach = reachOf(audit, kata);
  return audit.violations.filter((v) => {
    const folder = kataFolderOf(v.file);
    return folder === null || reach.has(folder);
  });
}

function reachOf(audit: ImportAudit, kata: string): Set<string> {
  const reach = new Set([kata]);
  const stack = [kata];
  while (stack.length) {
    for (const next of audit.edges.get(stack.pop()!) ?? []) {
      if (!reach.has(next)) {
        reach.add(next);
        stack.push(next);
      }
    }
  }
  return reach;
}

/**
 * The files of a kata's reach that do not parse, as "file: message".
 *
 * @param audit The check's result.
 * @param kata The kata folder.
 * @returns One line per file.
 *
 * @example
 * ```ts
 * import { parseErrorsFor } from "./import_check.ts";
 * import { deepStrictEqual } from "node:assert";
 * const audit = {
 *   violations: [],
 *   parseErrors: new Map([["katas/05_adam/adam.ts", "SyntaxError: x"]]),
 *   edges: new Map(),
 * };
 * deepStrictEqual(parseErrorsFor(audit, "05_adam"), ["katas/05_adam/adam.ts: SyntaxError: x"]);
 * ```
 */
export function parseErrorsFor(audit: ImportAudit, kata: string): string[] {
  const reach = reachOf(audit, kata);
  return [...audit.parseErrors].filter(([file]) => {
    const folder = kataFolderOf(file);
    return folder === null || reach.has(folder);
  }).map(([file, message]) => `${file}: ${message}`);
}
