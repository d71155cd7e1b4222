/**
 * `deno task test:npm`: builds the npm package, packs it with `npm pack`,
 * installs the tarball into a scratch project (offline: its one dependency is
 * bundled) and runs `lib/build/node/package_check.mjs` there under `node --test`,
 * as @deno/dnt would. The expected values that must agree between Deno and
 * Node (the seeded `Rng`) are computed here, in Deno, from the same library.
 *
 * It runs with all permissions (`deno task test:npm` is `deno run -A`):
 * playwright-core reads /proc/sys/fs/binfmt_misc, which Deno allows only so.
 *
 * Exit codes: 0 all passed, 1 a Node test failed, 2 the build or a tool failed
 * (Node.js or npm missing is said plainly).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { Rng, uniform } from "../tensor/mod.ts";
import { BuildError, buildNpm } from "./npm.ts";
import { checkInBrowser } from "./browser_check.ts";
import { chromiumMissing } from "../runner/chromium.ts";

/** What must never be in the tarball. */
export const FORBIDDEN_IN_TARBALL = /(_test\.|\.test\.|\/fixtures\/|\/katas\/|\/solutions\/)/;

/**
 * Runs a tool and returns what it printed.
 *
 * @param cmd The program.
 * @param args Its arguments.
 * @param cwd Where it runs.
 * @returns Its standard output and error.
 * @throws {BuildError} When the program is missing (naming it) or fails.
 *
 * @example
 * ```ts ignore
 * import { run } from "./test_npm.ts";
 * console.log(await run("node", ["--version"], "."));
 * ```
 */
export async function run(cmd: string, args: string[], cwd: string): Promise<string> {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(cmd, { args, cwd, stdin: "null" }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new BuildError(
        `Cannot test the npm package: \`${cmd}\` is not installed (Node.js 20 or later with npm is needed)`,
      );
    }
    throw error;
  }
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  if (!output.success) {
    throw new BuildError(
      `Cannot test the npm package: \`${cmd} ${args.join(" ")}\` failed\n${text}`,
    );
  }
  return text;
}

async function hasNode(): Promise<boolean> {
  try {
    return (await new Deno.Command("node", { args: ["--version"], stdout: "null", stderr: "null" })
      .output()).success;
  } catch {
    return false;
  }
}

/** The package in headless Chromium: the CPU always, WebGPU where the browser has it. */
async function browserCheck(packageDir: string): Promise<boolean> {
  const missing = chromiumMissing();
  if (missing) {
    console.log(`browser: skipped — ${missing}`);
    return true;
  }
  const result = await checkInBrowser(packageDir);
  const cpuOk = JSON.stringify(result.cpu) === JSON.stringify([5, 25]);
  console.log(
    `browser: ${cpuOk ? "ok" : "FAILED"} — [[1,2],[3,4]].square().sum(1) = ${
      JSON.stringify(result.cpu)
    } on the CPU (expected [5,25]); auto chose ${result.auto.backend} (${result.auto.note})${
      result.webgpu ? `; on WebGPU ${JSON.stringify(result.webgpu)}` : ""
    }`,
  );
  for (const error of result.errors) console.log(`browser: ${error}`);
  const gpuOk = result.webgpu === undefined || JSON.stringify(result.webgpu) === "[5,25]";
  return cpuOk && gpuOk && result.errors.length === 0;
}

async function main(): Promise<number> {
  const repo = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
  const nodeVersion = (await run("node", ["--version"], repo)).trim();
  if (Number(/^v(\d+)/.exec(nodeVersion)?.[1]) < 20) {
    throw new BuildError(`Cannot test the npm package: Node.js ${nodeVersion} is older than 20`);
  }
  const built = await buildNpm(repo, `${repo}/npm`);
  const scratch = await Deno.makeTempDir({ prefix: "grad-dojo-npm-" });
  try {
    const packed = JSON.parse(
      await run("npm", ["pack", "--json", "--pack-destination", scratch], built.outDir),
    )[0] as { filename: string; size: number; unpackedSize: number; files: { path: string }[] };
    const leaked = packed.files.map((f) => f.path).filter((p) => FORBIDDEN_IN_TARBALL.test(p));
    if (leaked.length) {
      throw new BuildError(`Cannot ship the npm package: the tarball holds ${leaked.join(", ")}`);
    }
    const project = `${scratch}/project`;
    await Deno.mkdir(project);
    await Deno.writeTextFile(
      `${project}/package.json`,
      JSON.stringify({ name: "grad-dojo-npm-check", private: true, type: "module" }),
    );
    await run("npm", [
      "install",
      "--offline",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      `${scratch}/${packed.filename}`,
    ], project);
    const seed = 20261130;
    await Deno.writeTextFile(
      `${project}/expected.json`,
      JSON.stringify({
        seed,
        uniform: [...await uniform(new Rng(seed), [5]).data()],
        permutation: new Rng(seed).permutation(6),
      }),
    );
    await Deno.copyFile(`${repo}/lib/build/node/package_check.mjs`, `${project}/package_check.mjs`);
    const test = await new Deno.Command("node", {
      args: ["--test", "package_check.mjs"],
      cwd: project,
      stdin: "null",
    }).output();
    const report = new TextDecoder().decode(test.stdout) + new TextDecoder().decode(test.stderr);
    console.log(report.trimEnd());
    console.log(
      `tarball ${packed.filename}: ${(packed.size / 1024).toFixed(1)} KiB packed, ${
        (packed.unpackedSize / 1024).toFixed(1)
      } KiB unpacked, ${packed.files.length} files; Node ${nodeVersion}`,
    );
    const browserOk = await browserCheck(built.outDir);
    return test.success && browserOk ? 0 : 1;
  } finally {
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  // `deno task test` passes this: where Node.js is absent it says so and moves on.
  const optional = Deno.args.includes("--skip-without-node");
  if (optional && !await hasNode()) {
    console.log("npm package: skipped — Node.js is not installed (node --version failed)");
    Deno.exit(0);
  }
  try {
    Deno.exit(await main());
  } catch (error) {
    console.error(error instanceof BuildError ? error.message : error);
    Deno.exit(2);
  }
}
