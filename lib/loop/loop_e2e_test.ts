/**
 * The guided loop end to end through piped input: a child process on a
 * scratch repository with stand-in katas, typed commands, real saves.
 */
import { ok, strictEqual } from "node:assert";
import { fixtureRepo, LoopProcess, solve } from "./_test_repo.ts";
import { parseProgress, PROGRESS_FILE } from "./progress.ts";

const K1 = "01_gradient_hessian";
const K2 = "02_critical_points";

async function inRepo(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await fixtureRepo();
  try {
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("loop: a fresh copy opens red on kata 01, a solution turns it green, n moves on, hints come in order, progress survives a restart", async () => {
  await inRepo(async (root) => {
    const loop = new LoopProcess(root, []);
    try {
      await loop.waitFor(`✗ ${K1} — 0 of 2 cases pass (not started)`);
      const firstFailure = await loop.waitFor("type check: ok");
      ok(firstFailure.includes("First failing case: answer() is 42 [cpu]"), firstFailure);
      ok(
        firstFailure.includes(
          `not implemented yet: kata 01 — answer() (see katas/${K1}/README.md)`,
        ),
      );
      ok(
        firstFailure.includes("webgpu skipped: no adapter in the stand-in"),
        "says which backend ran and why not the other",
      );
      ok(!/^\s+at /m.test(firstFailure), "no stack trace");
      await solve(root, K1);
      await loop.waitFor(`✓ ${K1} — all 2 cases pass`);
      await loop.waitFor(`Green! Press n for the next kata, ${K2}`);
      await loop.send("n");
      await loop.waitFor(`✗ ${K2} — 0 of 2 cases pass (not started)`);
      await loop.send("h");
      const tier1 = await loop.waitFor("h: next hint");
      ok(
        tier1.includes("Hint 1 — concept") && tier1.includes("The concept of kata 02") &&
          !tier1.includes("Hint 2"),
        tier1,
      );
      await loop.send("h");
      const tier2 = await loop.waitFor("h: next hint");
      ok(tier2.includes("Hint 2 — formula") && !tier2.includes("Hint 3"), tier2);
      await loop.send("h");
      const tier3 = await loop.waitFor("That was the last hint");
      ok(tier3.includes("Hint 3 — pseudocode"), tier3);
      await loop.send("q");
      strictEqual(await loop.close(), 0);
      ok(loop.output.includes(`Progress is saved in ${PROGRESS_FILE}`));
    } finally {
      loop.kill();
    }
    const { progress, problems } = await parseProgress(
      await Deno.readTextFile(`${root}/${PROGRESS_FILE}`),
    );
    strictEqual(problems.length, 0);
    strictEqual(progress.current, K2);
    strictEqual(progress.katas[K1].result?.status, "passing");
    strictEqual(progress.katas[K2].result?.status, "not started");
    strictEqual(progress.katas[K2].hints, 3);

    const again = new LoopProcess(root, []);
    try {
      const start = await again.waitFor(`✗ ${K2} — 0 of 2`);
      ok(start.includes(`▶  2 ✗ ${K2}`) || start.includes(`▶  2 · ${K2}`), start);
      ok(
        start.includes(`   1 ✓ ${K1}       passing (2 cases)  · hints`) ||
          start.includes(`   1 ✓ ${K1}       passing (2 cases)`),
        start,
      );
      ok(!start.includes(`running ${K1}`), "a passing kata with unchanged files is not re-run");
      await again.send("q");
      strictEqual(await again.close(), 0);
    } finally {
      again.kill();
    }
  });
});

Deno.test("loop: a syntax error shows file:line and the loop keeps going; a hang is stopped with a message; a deleted folder is reported", async () => {
  await inRepo(async (root) => {
    const stub = `${root}/katas/${K1}/gradient_hessian.ts`;
    const loop = new LoopProcess(root, ["--timeout", "3"]);
    try {
      await loop.waitFor("type check: ok");
      await Deno.writeTextFile(
        stub,
        "export function answer(): number {\n  const x = ;\n  return 42;\n}\n",
      );
      const broken = await loop.waitFor(`✗ ${K1} — the kata does not compile`);
      const detail = await loop.waitFor("Edit katas/");
      ok(detail.includes(`katas/${K1}/gradient_hessian.ts:2:13 — SyntaxError`), broken + detail);
      await Deno.writeTextFile(
        stub,
        "export function answer(): number {\n  while (true) { /* oops */ }\n}\n",
      );
      const hung = await loop.waitFor(/did not finish within 3 s and were stopped[^\n]*/, 15_000);
      ok(hung.includes('"answer() is 42 [cpu]" was running (an endless loop?)'), hung);
      await Deno.rename(`${root}/katas/${K1}`, `${root}/katas/${K1}_renamed`);
      await loop.waitFor(
        `Cannot run kata ${K1}: katas/${K1}/gradient_hessian.ts and katas/${K1}/gradient_hessian_test.ts are missing`,
      );
      await Deno.rename(`${root}/katas/${K1}_renamed`, `${root}/katas/${K1}`);
      await solve(root, K1);
      await loop.waitFor(`✓ ${K1} — all 2 cases pass`);
      await loop.send("go 42");
      await loop.waitFor('Cannot find kata "42"');
      await loop.send("q");
      strictEqual(await loop.close(), 0);
    } finally {
      loop.kill();
    }
  });
});

Deno.test("loop: with input closed it keeps watching, and Ctrl-C (SIGINT) quits cleanly", async () => {
  await inRepo(async (root) => {
    const loop = new LoopProcess(root, ["--pair", "0.05"]);
    try {
      await loop.waitFor("pair · round 1 · 0:03 left until the swap");
      await loop.waitFor("⇄  SWAP: driver and navigator change seats", 10_000);
      await loop.send("");
      await loop.waitFor("pair · round 2");
      await loop.closeInput();
    } catch (error) {
      loop.kill();
      throw error;
    }
    await loop.waitFor("Input closed: still watching for saves");
    await solve(root, K1);
    await loop.waitFor(`✓ ${K1} — all 2 cases pass`);
    loop.child.kill("SIGINT");
    strictEqual(await loop.close(), 0);
    ok(loop.output.includes(`Progress is saved in ${PROGRESS_FILE}`));
  });
});
