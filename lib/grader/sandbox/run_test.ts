import { ok, strictEqual } from "node:assert";
import { runSandboxed } from "./run.ts";
import { gradeTest } from "../_test_permissions.ts";

/** Runs `check` on a folder holding `a_test.ts` and a bare deno.json, then removes it. */
async function inSandbox(test: string, check: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "grad-dojo-sandbox-test-" });
  try {
    await Deno.writeTextFile(`${dir}/deno.json`, "{}");
    await Deno.writeTextFile(`${dir}/a_test.ts`, test);
    await check(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const limits = { heapMb: 256, rssMb: 1024, preload: [] as string[], entries: ["a_test.ts"] };

gradeTest(
  "runSandboxed() reads results from JUnit and keeps only the head and tail of long output",
  async () => {
    const test = 'Deno.test("talks", () => {});\n' +
      'Deno.test("fails", () => { throw new Error("no ".repeat(300_000)); });\n';
    await inSandbox(test, async (dir) => {
      const result = await runSandboxed({
        ...limits,
        cwd: dir,
        config: `${dir}/deno.json`,
        timeoutMs: 20_000,
        maxOutputBytes: 64 * 1024,
      });
      strictEqual(result.reported, true);
      strictEqual(result.cases.map((c) => c.status).join(","), "passed,failed");
      ok(result.output.length < 70 * 1024, `${result.output.length} characters kept`);
      ok(result.output.includes("bytes of output left out"));
    });
  },
);

gradeTest(
  "runSandboxed() kills a run past its time limit, and the child has no permissions",
  async () => {
    const test = 'try { Deno.readTextFileSync("/etc/hostname"); } catch { /* refused */ }\n' +
      'Deno.test("spins", () => { while (Date.now() > 0) { /* forever */ } });\n';
    await inSandbox(test, async (dir) => {
      const result = await runSandboxed({
        ...limits,
        cwd: dir,
        config: `${dir}/deno.json`,
        timeoutMs: 1500,
      });
      strictEqual(result.timedOut, true);
      strictEqual(result.reported, false);
      ok(result.durationMs < 10_000, `${result.durationMs} ms`);
      ok(
        result.permissionRequests.some((r) =>
          r.permission === "read" && r.value === "/etc/hostname"
        ),
      );
    });
  },
);
