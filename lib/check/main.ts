/**
 * `deno task test`: every check a change must pass (SPEC §9), in one command —
 * format, lint, type-check, doc lint of lib/, the doc examples, the library's
 * tests on every available backend, the kata contract and the tools' tests.
 * It ends with one line, `N passed, N failed`, for the whole run.
 *
 * Set GRAD_DOJO_REQUIRE_WEBGPU=1 (CI does) to fail when no WebGPU case ran.
 *
 * @module
 */
import { parseCaseName } from "../core/case_name.ts";
import { parseJUnit } from "../runner/junit.ts";

interface Step {
  name: string;
  args: string[];
  /** Read per-case results from a JUnit report instead of counting the step as one. */
  junit?: boolean;
}

const LIB_ENTRY_POINTS = [
  "lib/mod.ts",
  "lib/tensor/mod.ts",
  "lib/autodiff/mod.ts",
  "lib/nn/mod.ts",
  "lib/kata/mod.ts",
  "lib/testing/mod.ts",
  "lib/data/mod.ts",
];

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** Modules that register test cases when imported (the grader's tail canaries), so not doc-tested. */
const REGISTERS_CASES = new Set(["lib/grader/guard_tail.ts"]);

/** lib/ modules whose JSDoc examples run: every .ts file but tests, benches, fixtures and scripts. */
async function libModules(dir = "lib"): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory && entry.name !== "fixtures") out.push(...await libModules(path));
    else if (
      /\.ts$/.test(entry.name) && !/(_test|_bench)\.ts$|^main\.ts$/.test(entry.name) &&
      !REGISTERS_CASES.has(path)
    ) {
      out.push(path);
    }
  }
  return out.sort();
}

/**
 * Where Mesa's Vulkan driver (lavapipe) is installed, the children use it for
 * WebGPU instead of OpenGL through EGL: at process exit, EGL's thread clean-up
 * and Deno's test-runner threads sometimes free the same records twice, and
 * the process aborts after every test passed ("double free or corruption";
 * 3 of 20 runs of a ten-module WebGPU repro on EGL, 0 of 20 on Vulkan;
 * upstream: gfx-rs/wgpu#4285).
 */
async function webgpuEnvironment(): Promise<Record<string, string>> {
  if (Deno.env.get("DENO_WEBGPU_BACKEND")) return {};
  try {
    for await (const entry of Deno.readDir("/usr/share/vulkan/icd.d")) {
      if (!entry.name.startsWith("lvp_icd")) continue;
      // Without a runtime folder the Vulkan loader prints a warning per process.
      const runtime = Deno.env.get("XDG_RUNTIME_DIR") ??
        await Deno.makeTempDir({ prefix: "grad-dojo-xdg-" });
      return { DENO_WEBGPU_BACKEND: "vulkan", XDG_RUNTIME_DIR: runtime };
    }
  } catch { /* no Vulkan drivers: keep the default */ }
  return {};
}

async function main(): Promise<void> {
  const env = await webgpuEnvironment();
  if (env.DENO_WEBGPU_BACKEND) {
    console.log("WebGPU through Mesa's Vulkan driver (DENO_WEBGPU_BACKEND=vulkan)");
  }
  const docEntryPoints = [];
  for (const path of LIB_ENTRY_POINTS) if (await exists(path)) docEntryPoints.push(path);

  const STEPS: Step[] = [
    { name: "format (deno fmt --check)", args: ["fmt", "--check"] },
    { name: "lint (deno lint)", args: ["lint"] },
    {
      name: "type-check (deno check)",
      // A student copy (deno task release) has no solutions/.
      args: ["check", "lib", "katas", ...(await exists("solutions") ? ["solutions"] : [])],
    },
    { name: "doc lint of lib/ (deno doc --lint)", args: ["doc", "--lint", ...docEntryPoints] },
    {
      name: "doc examples of lib/ (deno test --doc)",
      args: ["test", "--doc", "--allow-read", "--allow-env", ...await libModules()],
      junit: true,
    },
    {
      name: await exists("lib/contract")
        ? "library, kata contract and tools (deno test -A lib/)"
        : "library and tools (deno test -A lib/)",
      args: ["test", "-A", "lib/"],
      junit: true,
    },
    {
      name: "npm package under Node (build, pack, install, node --test)",
      // -A: playwright-core reads /proc/sys/fs/binfmt_misc, which Deno grants only with all permissions.
      args: ["run", "-A", "lib/build/test_npm.ts", "--skip-without-node"],
    },
  ];

  let passed = 0;
  let failed = 0;
  let webgpuRan = 0;
  const failures: string[] = [];
  const started = performance.now();

  for (const step of STEPS) {
    const t0 = performance.now();
    console.log(`\n━━ ${step.name}`);
    const junitPath = step.junit ? await Deno.makeTempFile({ suffix: ".xml" }) : undefined;
    const args = [...step.args];
    if (junitPath) args.splice(1, 0, `--junit-path=${junitPath}`);
    const { code } = await new Deno.Command(Deno.execPath(), {
      args,
      env,
      stdin: "null",
      stdout: "inherit",
      stderr: "inherit",
    })
      .output();
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    if (junitPath) {
      const cases = await Deno.readTextFile(junitPath).then(parseJUnit, () => []);
      await Deno.remove(junitPath).catch(() => {});
      const bad = cases.filter((c) => c.status === "failed");
      passed += cases.filter((c) => c.status === "passed").length;
      failed += bad.length;
      webgpuRan += cases.filter((c) =>
        c.status === "passed" && parseCaseName(c.name)?.backend === "webgpu"
      ).length;
      failures.push(...bad.map((c) => `${step.name}: ${c.name}`));
      if (code !== 0 && bad.length === 0) {
        failed++;
        failures.push(
          `${step.name}: exited with ${code} (no failing case reported: a module did not load?)`,
        );
      }
      console.log(
        `━━ ${step.name}: ${cases.length - bad.length} of ${cases.length} cases ok (${seconds} s)`,
      );
    } else {
      if (code === 0) passed++;
      else {
        failed++;
        failures.push(step.name);
      }
      console.log(`━━ ${step.name}: ${code === 0 ? "ok" : "FAILED"} (${seconds} s)`);
    }
  }

  if (Deno.env.get("GRAD_DOJO_REQUIRE_WEBGPU") === "1") {
    if (webgpuRan > 0) passed++;
    else {
      failed++;
      failures.push(
        "WebGPU cases: none ran (GRAD_DOJO_REQUIRE_WEBGPU=1), so the WebGPU backend went untested",
      );
    }
  }

  console.log(
    `\n━━ ${webgpuRan} WebGPU cases passed; total time ${
      ((performance.now() - started) / 1000).toFixed(0)
    } s`,
  );
  if (failures.length) console.log(`Failed:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
  console.log(`${passed} passed, ${failed} failed`);
  Deno.exit(failed === 0 ? 0 : 1);
}

if (import.meta.main) await main();
