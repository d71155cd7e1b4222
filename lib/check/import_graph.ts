/**
 * The import graph of `lib/` and the house rule it must keep (SPEC §4): layers
 * import one way only, and no module imports itself through others.
 *
 * ```text
 * core ← backend ← tensor ← autodiff, nn ← testing, data, kata ← tools
 * ```
 *
 * A folder may import its own layer and any layer below, never one above;
 * within a layer (for example the tools: contract, runner, loop, grader,
 * figures, build, check) imports are free but must not form a loop.
 *
 * Test files (`*_test.ts`, `*_bench.ts`, `_test_*.ts` helpers) are left out of
 * the layer rule: a test drives its layer from above (the backend conformance
 * suite builds tensors and takes tolerances from `testing/`; the loop's tests
 * build a practice repository), and nothing imports a test, so a test cannot
 * close a loop. What is checked instead is that no library module imports a
 * test file. JSDoc examples are comments and are not read.
 *
 * @module
 */

/** The layers, lowest first; each lists the folders of `lib/` it holds. */
export const LAYERS: readonly (readonly string[])[] = [
  ["core"],
  ["backend"],
  ["tensor"],
  ["autodiff", "nn"],
  ["testing", "data", "kata", "mod.ts"],
  ["contract", "runner", "loop", "grader", "figures", "build", "check"],
];

/** One edge of the graph: `from` imports `to` (both paths relative to `lib/`). */
export interface ImportEdge {
  /** The importing module, e.g. "tensor/tensor.ts". */
  from: string;
  /** The imported module, e.g. "core/dtype.ts". */
  to: string;
}

/** What is wrong with a graph. */
export interface GraphProblems {
  /** Imports that run upward, or touch a folder missing from {@linkcode LAYERS}, or a test file. */
  upward: string[];
  /** Import loops, each as "a.ts → b.ts → a.ts". */
  cycles: string[];
}

/**
 * The layer of a module, by its first folder under `lib/`.
 *
 * @param path A path relative to `lib/`, e.g. "backend/cpu/matmul.ts".
 * @returns The index in {@linkcode LAYERS} (0 = core), or -1 for a folder not in the table.
 *
 * @example
 * ```ts
 * import { layerOf } from "./import_graph.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(layerOf("backend/cpu/matmul.ts"), 1);
 * strictEqual(layerOf("grader/grade.ts"), 5);
 * strictEqual(layerOf("mystery/x.ts"), -1);
 * ```
 */
export function layerOf(path: string): number {
  const top = path.split("/")[0];
  return LAYERS.findIndex((folders) => folders.includes(top));
}

/**
 * Whether a path is test code (a test, a bench or a test helper).
 *
 * @param path A module path.
 * @returns True for `*_test.ts`, `*_bench.ts` and `_test_*.ts`.
 *
 * @example
 * ```ts
 * import { isTestFile } from "./import_graph.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(isTestFile("loop/_test_repo.ts"), true);
 * strictEqual(isTestFile("loop/session.ts"), false);
 * ```
 */
export function isTestFile(path: string): boolean {
  return /(_test|_bench)\.ts$/.test(path) || /(^|\/)_test_[^/]*\.ts$/.test(path);
}

/**
 * TypeScript source with comments removed and the text of template literals
 * blanked, so that only real import statements remain to be read. Strings in
 * quotes are kept: import specifiers are strings.
 *
 * @param source A module's text.
 * @param onLiteral Called with the text of each string literal and each
 *   literal part of a template (between its `${…}`), and where it starts.
 * @returns The same text without comments; line breaks are kept.
 *
 * @example
 * ```ts
 * import { codeOnly } from "./import_graph.ts";
 * import { strictEqual } from "node:assert";
 * const code = codeOnly('a(); // import "x"\nconst s = `import "y"`; c("//");');
 * strictEqual(code.includes("import"), false);
 * strictEqual(code.includes('c("//")'), true);
 * ```
 */
export function codeOnly(
  source: string,
  onLiteral?: (text: string, at: number) => void,
): string {
  let out = "";
  let i = 0;
  // Whether a "/" here would start a regular expression rather than divide.
  let regexAllowed = true;
  const templateDepth: number[] = [];
  let braceDepth = 0;
  const blank = (text: string) => text.replace(/[^\n]/g, " ");
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? source.length : end;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== "\n") {
        j += source[j] === "\\" ? 2 : 1;
      }
      onLiteral?.(source.slice(i + 1, j), i);
      out += source.slice(i, j + 1);
      i = j + 1;
      regexAllowed = false;
    } else if (c === "`" || (c === "}" && templateDepth.at(-1) === braceDepth)) {
      // A template literal, or its continuation after a `${…}`.
      if (c === "}") templateDepth.pop();
      let j = i + 1;
      while (j < source.length && source[j] !== "`") {
        if (source[j] === "\\") j += 2;
        else if (source[j] === "$" && source[j + 1] === "{") break;
        else j++;
      }
      onLiteral?.(source.slice(i + 1, j), i);
      if (source[j] === "$") {
        templateDepth.push(braceDepth);
        out += c + blank(source.slice(i + 1, j)) + "${";
        i = j + 2;
        regexAllowed = true;
      } else {
        out += c + blank(source.slice(i + 1, j)) + "`";
        i = j + 1;
        regexAllowed = false;
      }
    } else if (c === "/" && regexAllowed) {
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== "\n") {
        if (source[j] === "\\") j++;
        else if (source[j] === "[") inClass = true;
        else if (source[j] === "]") inClass = false;
        else if (source[j] === "/" && !inClass) break;
        j++;
      }
      out += blank(source.slice(i, j + 1));
      i = j + 1;
      regexAllowed = false;
    } else {
      if (c === "{") braceDepth++;
      if (c === "}") braceDepth--;
      if (/[\w$)\]]/.test(c)) {
        // After a word or a closing bracket a "/" divides, except after a keyword.
        const word = /[\w$]+$/.exec(source.slice(Math.max(0, i - 12), i + 1))?.[0] ?? "";
        regexAllowed = /^(return|typeof|case|do|else|in|of|void|yield|await)$/.test(word);
      } else if (!/\s/.test(c)) regexAllowed = true;
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * The module specifiers a source imports or re-exports: static `import … from`,
 * `import "…"`, `export … from` and `import("…")` with a literal.
 *
 * @param source A module's text.
 * @returns The specifiers, in order of appearance.
 *
 * @example
 * ```ts
 * import { importsOf } from "./import_graph.ts";
 * import { deepStrictEqual } from "node:assert";
 * const source = 'import { a } from "./a.ts";\nexport * from "../b.ts";\n// import "./c.ts"\n';
 * deepStrictEqual(importsOf(source), ["./a.ts", "../b.ts"]);
 * ```
 */
export function importsOf(source: string): string[] {
  const code = codeOnly(source);
  const found: string[] = [];
  const pattern =
    /(?:^|[;\n}])\s*(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]+?\s+from\s*)?["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)/g;
  for (const match of code.matchAll(pattern)) found.push(match[1] ?? match[2]);
  return found;
}

/**
 * Resolves a relative specifier against the importing module.
 *
 * @param from The importing module, relative to `lib/`.
 * @param specifier What it imports.
 * @returns The imported path relative to `lib/`, "../…" when it leaves lib/,
 *   or undefined for a package ("node:assert", "fast-check").
 *
 * @example
 * ```ts
 * import { resolveImport } from "./import_graph.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(resolveImport("tensor/ops/math.ts", "../../core/dtype.ts"), "core/dtype.ts");
 * strictEqual(resolveImport("tensor/tensor.ts", "node:assert"), undefined);
 * ```
 */
export function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return undefined;
  const parts = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === ".") continue;
    if (part === ".." && parts.length && parts.at(-1) !== "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

/**
 * Finds every upward import and every import loop in a graph.
 *
 * @param edges The imports, paths relative to `lib/`. Edges leaving lib/
 *   ("../katas/…") are ignored.
 * @returns The upward imports and the loops, each as a readable line (empty when the graph is clean).
 *
 * @example
 * ```ts
 * import { checkGraph } from "./import_graph.ts";
 * import { deepStrictEqual } from "node:assert";
 * const { upward } = checkGraph([{ from: "core/shape.ts", to: "tensor/tensor.ts" }]);
 * deepStrictEqual(upward, ["core/shape.ts (core) imports tensor/tensor.ts (tensor), a layer above"]);
 * ```
 */
export function checkGraph(edges: readonly ImportEdge[]): GraphProblems {
  const upward: string[] = [];
  const inLib = edges.filter(({ to }) => !to.startsWith("../"));
  const name = (path: string) => LAYERS[layerOf(path)]?.join("/") ?? path.split("/")[0];
  for (const { from, to } of inLib) {
    if (isTestFile(to) && !isTestFile(from)) {
      upward.push(`${from} imports the test file ${to}`);
      continue;
    }
    if (isTestFile(from)) continue;
    for (const path of [from, to]) {
      if (layerOf(path) === -1) {
        upward.push(`${path} is in lib/${path.split("/")[0]}, a folder missing from LAYERS`);
      }
    }
    if (layerOf(to) > layerOf(from) && layerOf(from) !== -1) {
      upward.push(`${from} (${name(from)}) imports ${to} (${name(to)}), a layer above`);
    }
  }
  return { upward: [...new Set(upward)], cycles: findCycles(inLib) };
}

/** One loop per strongly connected component (Tarjan), shown as a path through it. */
function findCycles(edges: readonly ImportEdge[]): string[] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    next.set(from, [...next.get(from) ?? [], to]);
    if (!next.has(to)) next.set(to, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node)!) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfLoop = next.get(node)!.includes(node);
    if (component.length > 1 || selfLoop) cycles.push(loopThrough(component, next));
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

/** A shortest path from the component's first member back to itself, as "a → b → a". */
function loopThrough(component: string[], next: Map<string, string[]>): string {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const target of next.get(node)!) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        return [...path, start].join(" → ");
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return component.join(" → ");
}

/**
 * Reads the import graph of every `.ts` file under a folder.
 *
 * @param root The folder to read, normally `lib/`.
 * @param skip Folder names not to enter (the grader's fixtures, which are
 *   sample submissions, not library code).
 * @returns Every relative import, paths relative to `root`.
 *
 * @example
 * ```ts ignore
 * import { readImportGraph } from "./import_graph.ts";
 * console.log((await readImportGraph("lib")).length);
 * ```
 */
export async function readImportGraph(
  root: string,
  skip: readonly string[] = ["fixtures"],
): Promise<ImportEdge[]> {
  const edges: ImportEdge[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir === "" ? root : `${root}/${dir}`)) {
      const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory && !skip.includes(entry.name)) await walk(path);
      else if (entry.isFile && path.endsWith(".ts")) {
        const source = await Deno.readTextFile(`${root}/${path}`);
        for (const specifier of importsOf(source)) {
          const to = resolveImport(path, specifier);
          if (to !== undefined) edges.push({ from: path, to });
        }
      }
    }
  };
  await walk("");
  return edges.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}
