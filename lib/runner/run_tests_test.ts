import { ok, strictEqual } from "node:assert";
import { runTests } from "./run_tests.ts";

async function scratch(source: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "grad-dojo-runner-test-" });
  await Deno.writeTextFile(`${dir}/a_test.ts`, source);
  return dir;
}

Deno.test("runTests() reads per-case results from the JUnit report", async () => {
  const dir = await scratch(
    `Deno.test("passes", () => {});\nDeno.test("fails", () => { throw new Error("boom"); });`,
  );
  const { cases } = await runTests(["a_test.ts"], { cwd: dir, flags: ["--no-check"] });
  strictEqual(cases.map((c) => `${c.name}:${c.status}`).join(), "passes:passed,fails:failed");
  ok(cases[1].message.includes("boom"));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("runTests() kills a hanging run on timeout and on abort, and reports no cases", async () => {
  const dir = await scratch(
    `Deno.test("hangs", () => new Promise(() => setInterval(() => {}, 1000)));`,
  );
  const t0 = performance.now();
  const timed = await runTests(["a_test.ts"], { cwd: dir, flags: ["--no-check"], timeoutMs: 1500 });
  strictEqual(timed.timedOut, true);
  strictEqual(timed.cases.length, 0);
  const abort = new AbortController();
  setTimeout(() => abort.abort(), 1500);
  const aborted = await runTests(["a_test.ts"], {
    cwd: dir,
    flags: ["--no-check"],
    signal: abort.signal,
  });
  strictEqual(aborted.cases.length, 0);
  ok(performance.now() - t0 < 20_000, "both runs ended within 20 s");
  await Deno.remove(dir, { recursive: true });
});
