/**
 * `deno task build:npm`: the library's public exports as an npm package in
 * `npm/` — what `@deno/dnt` would build, with tools that resolve here. The
 * TypeScript compiler (`npm:typescript`, pinned in deno.json) type-checks the
 * public modules and emits one ES module and one `.d.ts` per source file, with
 * `.ts` import paths rewritten to `.js`; the package's one runtime dependency
 * (`csv-parse`, for the data loaders) is bundled inside the tarball, so
 * installing it needs no registry.
 *
 * Nothing is published from here: `npm pack` in `npm/` gives the tarball.
 *
 * @module
 */
import ts from "typescript";
import { fileURLToPath } from "node:url";

/** The package's subpath exports: name in package.json → source module under lib/. */
export const PUBLIC_EXPORTS: Readonly<Record<string, string>> = {
  ".": "mod.ts",
  "./tensor": "tensor/mod.ts",
  "./autodiff": "autodiff/mod.ts",
  "./nn": "nn/mod.ts",
  "./data": "data/mod.ts",
};

/** npm packages the emitted code imports at run time, bundled into the tarball. */
const RUNTIME_DEPENDENCIES = ["csv-parse"];

/** Modules with effects on import (they attach methods to `Tensor.prototype`). */
const SIDE_EFFECTS = ["tensor/methods.ts"];

/** What went wrong while building, with the files it concerns. */
export class BuildError extends Error {
  override name = "BuildError";
}

interface DenoConfig {
  name: string;
  version: string;
  imports: Record<string, string>;
}

/** "npm:@types/node@20.19.43" → ["@types/node", "20.19.43"]. */
function npmSpecifier(spec: string | undefined, what: string): [string, string] {
  const match = spec && /^npm:(@?[^@]+)@([^/]+)$/.exec(spec);
  if (!match) {
    throw new BuildError(
      `Cannot build the npm package: deno.json imports has no exact npm version for ${what}`,
    );
  }
  return [match[1], match[2]];
}

/**
 * The folder of an npm package in Deno's cache, found next to the running
 * TypeScript compiler (both live under the same registry folder), so no
 * environment or subprocess is needed to find it.
 */
function cachedPackage(name: string, version: string): string {
  const tsFile = ts.sys.getExecutingFilePath();
  const marker = "/typescript/";
  const registry = tsFile.slice(0, tsFile.lastIndexOf(marker));
  const dir = `${registry}/${name}/${version}`;
  try {
    Deno.statSync(`${dir}/package.json`);
  } catch {
    throw new BuildError(
      `Cannot build the npm package: ${name}@${version} is not in Deno's cache (run \`deno install\`)`,
    );
  }
  return dir;
}

/** The compiler's messages, one line each, with file:line. */
function formatDiagnostics(diagnostics: readonly ts.Diagnostic[], repo: string): string[] {
  return diagnostics.map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName.replace(`${repo}/`, "")}:${line + 1}: ${text}`;
  });
}

/** Copies a folder recursively. */
async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyDir(`${from}/${entry.name}`, `${to}/${entry.name}`);
    else if (entry.isFile) await Deno.copyFile(`${from}/${entry.name}`, `${to}/${entry.name}`);
  }
}

/** What the build wrote. */
export interface BuildResult {
  /** The package folder. */
  outDir: string;
  /** The subpath exports that were built (a public module not written yet is left out). */
  exports: string[];
  /** Every emitted file, relative to the package folder. */
  files: string[];
}

/**
 * Builds the npm package.
 *
 * @param repo The repository root.
 * @param outDir Where the package goes; emptied first.
 * @returns What was written.
 * @throws {BuildError} When a public module fails to type-check or to emit
 *   declarations (naming the file and line), or a tool is missing.
 *
 * @example
 * ```ts ignore
 * import { buildNpm } from "./npm.ts";
 * const { files } = await buildNpm(Deno.cwd(), "npm");
 * console.log(files.includes("esm/mod.js"));
 * ```
 */
export async function buildNpm(repo: string, outDir: string): Promise<BuildResult> {
  const config = JSON.parse(await Deno.readTextFile(`${repo}/deno.json`)) as DenoConfig;
  const entries: [string, string][] = [];
  for (const [subpath, source] of Object.entries(PUBLIC_EXPORTS)) {
    const path = `${repo}/lib/${source}`;
    if (await Deno.stat(path).then(() => true, () => false)) entries.push([subpath, source]);
  }

  const typeRoots = [
    npmSpecifier(config.imports["@webgpu/types"], "@webgpu/types"),
    npmSpecifier(config.imports["@types/node"], "@types/node"),
  ].map(([name, version]) => cachedPackage(name, version));
  const paths: Record<string, string[]> = {};
  const bundled: [string, string][] = [];
  for (const name of RUNTIME_DEPENDENCIES) {
    const [pkg, version] = npmSpecifier(config.imports[name], name);
    const dir = cachedPackage(pkg, version);
    // The compiler finds the declarations through the package's own exports map.
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/package.json`));
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const types = (target as { import?: { types?: string } }).import?.types;
      if (types) paths[pkg + subpath.slice(1)] = [`${dir}/${types.replace(/^\.\//, "")}`];
    }
    bundled.push([pkg, version]);
  }

  // Empty the output folder first: a stale file from an earlier build must not ship.
  await Deno.remove(outDir, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  const esm = `${outDir}/esm`;

  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    typeRoots: [],
    strict: true,
    declaration: true,
    allowImportingTsExtensions: true,
    rewriteRelativeImportExtensions: true,
    noEmitOnError: true,
    skipLibCheck: true,
    rootDir: `${repo}/lib`,
    outDir: esm,
    paths,
    newLine: ts.NewLineKind.LineFeed,
  };
  const roots = [
    ...entries.map(([, source]) => `${repo}/lib/${source}`),
    `${typeRoots[0]}/dist/index.d.ts`,
    `${typeRoots[1]}/index.d.ts`,
  ];
  const program = ts.createProgram(roots, options);
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
    ...program.getDeclarationDiagnostics(),
  ];
  if (diagnostics.length) {
    throw new BuildError(
      `Cannot build the npm package: ${diagnostics.length} compiler error(s) in the public modules\n` +
        formatDiagnostics(diagnostics, repo).join("\n"),
    );
  }
  const written: string[] = [];
  const emitted = program.emit(undefined, (fileName, text) => {
    Deno.mkdirSync(fileName.slice(0, fileName.lastIndexOf("/")), { recursive: true });
    Deno.writeTextFileSync(fileName, text);
    written.push(fileName.slice(outDir.length + 1));
  });
  if (emitted.emitSkipped || emitted.diagnostics.length) {
    throw new BuildError(
      `Cannot build the npm package: emit failed\n${
        formatDiagnostics(emitted.diagnostics, repo).join("\n")
      }`,
    );
  }
  const leaked = written.filter((f) =>
    /_test\.(js|d\.ts)$|\/fixtures\/|^esm\/(katas|solutions)\//.test(f)
  );
  if (leaked.length) {
    throw new BuildError(`Cannot build the npm package: test files were emitted: ${leaked}`);
  }

  const js = (source: string) => `./esm/${source.replace(/\.ts$/, ".js")}`;
  const exportsMap: Record<string, { types: string; import: string }> = {};
  for (const [subpath, source] of entries) {
    exportsMap[subpath] = { types: js(source).replace(/\.js$/, ".d.ts"), import: js(source) };
  }
  const pkg = {
    name: config.name,
    version: config.version,
    description:
      "grad-dojo's tensor library: tensors on WebGPU or the CPU, reverse-mode autodiff, a small nn",
    license: "MIT",
    type: "module",
    exports: exportsMap,
    engines: { node: ">=20" },
    sideEffects: SIDE_EFFECTS.map(js),
    dependencies: Object.fromEntries(bundled),
    bundleDependencies: bundled.map(([name]) => name),
    files: ["esm", "README.md", "LICENSE"],
  };
  await Deno.writeTextFile(`${outDir}/package.json`, JSON.stringify(pkg, null, 2) + "\n");
  await Deno.copyFile(`${repo}/LICENSE`, `${outDir}/LICENSE`);
  await Deno.writeTextFile(`${outDir}/README.md`, packageReadme(config, entries));
  for (const [name, version] of bundled) {
    // Only what Node loads: the manifest, the licence and the ES modules.
    const from = cachedPackage(name, version);
    const to = `${outDir}/node_modules/${name}`;
    await copyDir(`${from}/lib`, `${to}/lib`);
    for (const file of ["package.json", "LICENSE"]) {
      await Deno.copyFile(`${from}/${file}`, `${to}/${file}`).catch(() => {});
    }
  }
  return { outDir, exports: entries.map(([s]) => s), files: written.sort() };
}

function packageReadme(config: DenoConfig, entries: [string, string][]): string {
  return `# ${config.name}

grad-dojo's tensor library, built from the Deno sources by \`deno task build:npm\`
(not published from the repository). Tensors with a shape, a dtype and a backend
(WebGPU where \`navigator.gpu\` has an adapter, else the CPU), NumPy broadcasting,
reductions, matmul, \`eigh\`, a seeded \`Rng\`.

\`\`\`js
import { Rng, tensor, uniform } from "${config.name}";

const X = uniform(new Rng(1), [4, 3]); // the same numbers as in Deno
const loss = X.matmul(tensor([0.5, -1, 2])).sub(1).square().mean();
console.log(await loss.item());
\`\`\`

Entry points: ${
    entries.map(([s]) => `\`${s === "." ? config.name : config.name + s.slice(1)}\``)
      .join(", ")
  }.
Node.js 20 or later; ES modules only. Licence: MIT.
`;
}

if (import.meta.main) {
  const repo = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
  try {
    const result = await buildNpm(repo, `${repo}/npm`);
    console.log(
      `npm/: ${result.files.length} files for ${result.exports.join(", ")} (version ${
        JSON.parse(await Deno.readTextFile(`${repo}/npm/package.json`)).version
      })`,
    );
  } catch (error) {
    console.error(error instanceof BuildError ? error.message : error);
    Deno.exit(error instanceof BuildError ? 2 : 1);
  }
}
