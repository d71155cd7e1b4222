/**
 * The loop's subcommands end to end (`list`, `hint`, `run`, `check`), their
 * exit codes, and bad input: unknown katas, missing folders, a damaged or
 * hand-edited progress file, a progress file that cannot be written.
 */
import { ok, strictEqual } from "node:assert";
import { fixtureRepo, runLoop, solve } from "./_test_repo.ts";
import { parseProgress, PROGRESS_FILE, PROGRESS_FORMAT } from "./progress.ts";
import { KATA_DIRS, kataFiles } from "../kata/catalogue.ts";

const K1 = "01_gradient_hessian";
/** How many katas the catalogue lists, and the last one's number. */
const N = KATA_DIRS.length;
const LAST = kataFiles(KATA_DIRS[N - 1]).number;

async function inRepo(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await fixtureRepo();
  try {
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("start list, hint, run and check work without a terminal and say what they found", async () => {
  await inRepo(async (root) => {
    let r = await runLoop(root, ["list"]);
    strictEqual(r.code, 0);
    ok(r.output.includes(`   1 · ${K1}       not started`), r.output);
    ok(
      r.output.includes("   8 – 08_kfold                  missing (katas/08_kfold not found)"),
      r.output,
    );
    ok(r.output.includes(`${"□".repeat(N)} 0 of ${N} katas pass`), r.output);

    for (
      const [tier, title] of [[1, "concept"], [2, "formula"], [3, "pseudocode"], [
        3,
        "pseudocode",
      ]] as const
    ) {
      r = await runLoop(root, ["hint", "1"]);
      strictEqual(r.code, 0);
      ok(r.output.startsWith(`Hint ${tier} of 3 for ${K1} — ${title}`), r.output);
    }
    ok(r.output.includes("That was the last hint (all three were shown before)."));

    r = await runLoop(root, ["run", "gradient_hessian", "--backend=cpu"]);
    strictEqual(r.code, 1);
    ok(r.output.startsWith(`✗ ${K1} — 0 of 2 cases pass (not started)`), r.output);
    ok(r.output.includes("forced with --backend=cpu"));
    await solve(root, K1);
    r = await runLoop(root, ["run", "01"]);
    strictEqual(r.code, 0);
    ok(r.output.startsWith(`✓ ${K1} — all 2 cases pass`), r.output);

    r = await runLoop(root, ["check"]);
    strictEqual(r.code, 1, "not every kata passes");
    ok(
      r.output.startsWith(
        `✓ ${K1} — all 2 cases pass\n✗ 02_critical_points — 0 of 2 cases pass (not started)\n`,
      ),
      r.output,
    );
    ok(r.output.includes(`■${"□".repeat(N - 1)} 1 of ${N} katas pass`), r.output);

    const { progress } = await parseProgress(await Deno.readTextFile(`${root}/${PROGRESS_FILE}`));
    strictEqual(progress.katas[K1].hints, 3);
    strictEqual(progress.katas[K1].result?.status, "passing");
  });
});

Deno.test("start refuses an unknown kata, a missing folder and a bad option with exit code 2", async () => {
  await inRepo(async (root) => {
    let r = await runLoop(root, ["run", "99"]);
    strictEqual(r.code, 2);
    ok(r.output.startsWith(`Cannot find kata "99": choose a number from 01 to ${LAST}`), r.output);
    r = await runLoop(root, ["hint", "adamw"]);
    strictEqual(r.code, 2);
    r = await runLoop(root, ["run", "5"]);
    strictEqual(r.code, 2);
    ok(
      r.output.startsWith(
        "Cannot run kata 05_adam: katas/05_adam/adam.ts and katas/05_adam/adam_test.ts missing",
      ),
      r.output,
    );
    r = await runLoop(root, ["7"]);
    strictEqual(r.code, 2, "the loop does not open on a missing kata");
    ok(r.output.startsWith("Cannot open kata 07_softmax_cross_entropy"), r.output);
    r = await runLoop(root, ["--pair", "soon"]);
    strictEqual(r.code, 2);
    ok(
      r.output.startsWith('Cannot start pair mode: "soon" is not a number of minutes above 0'),
      r.output,
    );
    await Deno.writeTextFile(
      `${root}/katas/02_critical_points/hints.md`,
      "## Hint 1 — concept\n\nonly one\n",
    );
    r = await runLoop(root, ["hint", "2"]);
    strictEqual(r.code, 2);
    ok(r.output.startsWith("Cannot read hints from katas/02_critical_points/hints.md"), r.output);
    r = await runLoop(root, ["--help"]);
    strictEqual(r.code, 0);
    ok(r.output.includes("deno task start hint <kata>"));
  });
});

Deno.test("a corrupted progress file is repaired with a message, never a crash", async () => {
  await inRepo(async (root) => {
    await Deno.writeTextFile(
      `${root}/${PROGRESS_FILE}`,
      '{ "format": "grad-dojo progress 1", "katas": { "01_gr',
    );
    const r = await runLoop(root, ["list"]);
    strictEqual(r.code, 0);
    ok(r.output.startsWith(`Repaired ${PROGRESS_FILE}: it is not valid JSON`), r.output);
    const { problems } = await parseProgress(await Deno.readTextFile(`${root}/${PROGRESS_FILE}`));
    strictEqual(problems.length, 0, "the file was rewritten sound");
    strictEqual(
      (await runLoop(root, ["list"])).output.includes("Repaired"),
      false,
      "repaired once",
    );
  });
});

Deno.test("a hand-edited result is noticed and re-checked instead of trusted", async () => {
  await inRepo(async (root) => {
    strictEqual((await runLoop(root, ["run", "1"])).code, 1);
    const data = JSON.parse(await Deno.readTextFile(`${root}/${PROGRESS_FILE}`));
    data.katas[K1].status = "passing";
    data.katas[K1].passed = data.katas[K1].total;
    data.katas.bogus = { hints: 1 };
    await Deno.writeTextFile(`${root}/${PROGRESS_FILE}`, JSON.stringify(data));
    const r = await runLoop(root, ["list"]);
    ok(
      r.output.includes(
        `the result of ${K1} does not match its seal (edited by hand?); it will be re-checked`,
      ),
      r.output,
    );
    ok(r.output.includes('unknown kata "bogus" dropped'));
    ok(r.output.includes(`   1 · ${K1}       not started`), r.output);
    const after = JSON.parse(await Deno.readTextFile(`${root}/${PROGRESS_FILE}`));
    strictEqual(after.format, PROGRESS_FORMAT);
    strictEqual(after.katas[K1].status, undefined);
  });
});

Deno.test("without write access to the progress file the loop works read-only and says so", async () => {
  await inRepo(async (root) => {
    const tmp = `${root}/tmp`;
    await Deno.mkdir(tmp);
    // Writable: only the runner's scratch folder. The progress file at the root is not.
    const permissions = ["--allow-read", `--allow-write=${tmp}`, "--allow-run"];
    const r = await runLoop(root, ["run", "1"], permissions, { TMPDIR: tmp });
    strictEqual(r.code, 1);
    ok(r.output.startsWith(`Cannot save ${PROGRESS_FILE}:`), r.output);
    ok(r.output.includes("working read-only, progress lasts until you quit"));
    ok(r.output.includes(`✗ ${K1} — 0 of 2 cases pass (not started)`), "the result is still shown");
    await Deno.stat(`${root}/${PROGRESS_FILE}`).then(
      () => Promise.reject(new Error("the file should not exist")),
      () => {},
    );
  });
});
