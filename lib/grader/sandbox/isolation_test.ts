import { ok, strictEqual } from "node:assert";
import { writeText } from "../files.ts";
import { runSandboxed } from "./run.ts";
import { probeIsolation } from "./isolation.ts";
import { canGrade } from "../_test_permissions.ts";

const isolation = canGrade ? await probeIsolation() : undefined;

Deno.test({
  name: "inside bubblewrap a run sees no file of the machine and has no network",
  ignore: isolation?.kind !== "bubblewrap",
  fn: async () => {
    const slot = await Deno.makeTempDir({ prefix: "grad-dojo-isolation-" });
    const secret = await Deno.makeTempDir({ prefix: "grad-dojo-secret-" });
    try {
      await writeText(`${secret}/answer.txt`, "42");
      await writeText(`${slot}/deno.json`, "{}\n");
      await writeText(`${slot}/own.txt`, "mine");
      // A static text import needs no permission in Deno: only the sandbox stops it.
      const run = async (target: string) => {
        await writeText(
          `${slot}/probe_test.ts`,
          `import text from "${target}" with { type: "text" };\n` +
            `Deno.test("probe", () => { if (!text) throw new Error("empty"); });\n`,
        );
        return await runSandboxed({
          cwd: slot,
          config: `${slot}/deno.json`,
          preload: [],
          entries: [`${slot}/probe_test.ts`],
          timeoutMs: 30_000,
          heapMb: 256,
          rssMb: 1024,
          isolation,
          cpuSeconds: 30,
        });
      };
      const own = await run("/course/own.txt");
      strictEqual(
        own.cases[0]?.status,
        "passed",
        `its own slot is there, as /course: ${own.output}`,
      );
      for (const target of ["/etc/passwd", `${secret}/answer.txt`, `${slot}/own.txt`]) {
        const result = await run(target);
        ok(!result.reported, `${target} was readable`);
        ok(/Module not found/.test(result.output), result.output);
      }
    } finally {
      await Deno.remove(slot, { recursive: true });
      await Deno.remove(secret, { recursive: true });
    }
  },
});

Deno.test({
  name: "a run past its CPU-time limit is stopped by the kernel and says so",
  ignore: isolation?.kind !== "bubblewrap" || !isolation.prlimit,
  fn: async () => {
    const slot = await Deno.makeTempDir({ prefix: "grad-dojo-isolation-" });
    try {
      await writeText(`${slot}/deno.json`, "{}\n");
      await writeText(`${slot}/hog_test.ts`, `Deno.test("hog", () => { for (;;) {} });\n`);
      const run = await runSandboxed({
        cwd: slot,
        config: `${slot}/deno.json`,
        preload: [],
        entries: [`${slot}/hog_test.ts`],
        timeoutMs: 30_000,
        heapMb: 256,
        rssMb: 1024,
        isolation,
        cpuSeconds: 1,
      });
      ok(run.cpuExceeded, `${run.code} ${run.signal} ${run.output.slice(-300)}`);
      ok(!run.timedOut);
    } finally {
      await Deno.remove(slot, { recursive: true });
    }
  },
});
