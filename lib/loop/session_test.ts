import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { KATA_DIRS, kataFiles } from "../kata/catalogue.ts";
import { writeKata } from "./_test_repo.ts";
import { PROGRESS_FILE, ProgressStore } from "./progress.ts";
import type { KataRunOptions } from "./run_kata.ts";
import { PlainScreen } from "./screen.ts";
import { Session, type SessionOptions } from "./session.ts";
import type { KataReport } from "./summary.ts";

/** A session on stand-in katas 01–03, with a fake runner: katas in `green` pass. */
async function setUp(extra: Partial<SessionOptions> = {}) {
  const root = await Deno.makeTempDir();
  for (const dir of KATA_DIRS.slice(0, 3)) await writeKata(root, dir);
  const green = new Set<string>();
  const runs: string[] = [];
  const output: string[] = [];
  let bells = 0;
  const screen = new PlainScreen((text) => output.push(text));
  screen.bell = () => bells++;
  const runner = (_root: string, dir: string, options: KataRunOptions): Promise<KataReport> => {
    runs.push(dir);
    const passing = green.has(dir);
    const report: KataReport = {
      dir,
      status: passing ? "passing" : "not started",
      passed: passing ? 2 : 0,
      failed: passing ? 0 : 2,
      skipped: 0,
      failure: passing
        ? undefined
        : { name: "answer() is 42 [cpu]", message: `not implemented yet: kata ${dir.slice(0, 2)}` },
      compileErrors: [],
      backends: ["cpu"],
      skippedBackends: {},
      typeCheck: "pending",
    };
    options.onTests?.(report);
    return Promise.resolve({ ...report, typeCheck: "ok" });
  };
  const store = await ProgressStore.open(root);
  const session = new Session({
    root,
    screen,
    colour: false,
    timeoutSeconds: 5,
    runner,
    watch: false,
    background: false,
    ...extra,
  }, store);
  return {
    root,
    session,
    store,
    green,
    runs,
    text: () => output.join(""),
    bells: () => bells,
    async tearDown() {
      session.close();
      await Deno.remove(root, { recursive: true });
    },
  };
}

Deno.test("Session opens on the first kata not passing and runs it", async () => {
  const t = await setUp();
  try {
    await t.session.start();
    strictEqual(t.session.current, "01_gradient_hessian");
    deepStrictEqual(t.runs, ["01_gradient_hessian"]);
    ok(t.text().includes("✗ 01_gradient_hessian — 0 of 2 cases pass (not started)"), t.text());
    ok(t.text().includes("   4 – 04_momentum"), "missing katas are listed as missing");
  } finally {
    await t.tearDown();
  }
});

Deno.test("Session: n refuses while red, and moves on once a verified run is green", async () => {
  const t = await setUp();
  try {
    await t.session.start();
    await t.session.handle({ kind: "next" });
    strictEqual(t.session.current, "01_gradient_hessian");
    ok(t.text().includes("01_gradient_hessian is not green yet"));
    t.green.add("01_gradient_hessian");
    await t.session.handle({ kind: "go", kata: "1" }); // a fresh verified run, as a save would give
    ok(t.text().includes("Green! Press n for the next kata, 02_critical_points"), t.text());
    await t.session.handle({ kind: "next" });
    strictEqual(t.session.current, "02_critical_points");
    const saved = JSON.parse(await Deno.readTextFile(`${t.root}/${PROGRESS_FILE}`));
    strictEqual(saved.current, "02_critical_points");
    strictEqual(saved.katas["01_gradient_hessian"].status, "passing");
  } finally {
    await t.tearDown();
  }
});

Deno.test("Session: s skips to the next kata, which the list shows, and coming back clears the skip", async () => {
  const t = await setUp();
  try {
    await t.session.start();
    await t.session.handle({ kind: "skip" });
    strictEqual(t.session.current, "02_critical_points");
    strictEqual(t.store.progress.katas["01_gradient_hessian"].skipped, true);
    await t.session.handle({ kind: "list" });
    ok(t.text().includes("not started (0 of 2)  · skipped for now"), t.text());
    await t.session.handle({ kind: "go", kata: "gradient_hessian" });
    strictEqual(t.session.current, "01_gradient_hessian");
    strictEqual(t.store.progress.katas["01_gradient_hessian"].skipped, false);
  } finally {
    await t.tearDown();
  }
});

Deno.test("Session: hints come one tier at a time, are recorded, and are never shown unasked", async () => {
  const t = await setUp();
  try {
    await t.session.start();
    ok(!t.text().includes("The concept of kata 01"));
    await t.session.handle({ kind: "hint" });
    ok(t.text().includes("Hint 1 — concept") && !t.text().includes("Hint 2"), t.text());
    strictEqual(t.store.progress.katas["01_gradient_hessian"].hints, 1);
    await t.session.handle({ kind: "back" });
    await t.session.handle({ kind: "hint" }); // from the result: shows what was seen, reveals nothing new
    strictEqual(t.store.progress.katas["01_gradient_hessian"].hints, 1);
    await t.session.handle({ kind: "hint" });
    await t.session.handle({ kind: "hint" });
    await t.session.handle({ kind: "hint" });
    strictEqual(t.store.progress.katas["01_gradient_hessian"].hints, 3);
    const text = t.text();
    ok(text.indexOf("Hint 2 — formula") < text.indexOf("Hint 3 — pseudocode"));
    ok(text.includes("That was the last hint"));
  } finally {
    await t.tearDown();
  }
});

Deno.test("Session: pair mode calls the swap when the round ends, pauses while a hint is open", async () => {
  let now = 0;
  const t = await setUp({ pairMinutes: 1, now: () => now });
  try {
    await t.session.start();
    now = 30_000;
    await t.session.handle({ kind: "hint" });
    now = 200_000; // reading the hint for a long time
    t.session.pairTick();
    strictEqual(t.session.view, "hints");
    await t.session.handle({ kind: "back" });
    now = 229_000;
    t.session.pairTick();
    ok(t.text().includes("pair · round 1 · 0:01 left until the swap"), t.text());
    now = 230_000;
    t.session.pairTick();
    strictEqual(t.session.view, "swap");
    strictEqual(t.bells(), 1);
    ok(t.text().includes("⇄  SWAP: driver and navigator change seats"));
    await t.session.handle({ kind: "unknown", text: "x" }); // any key
    strictEqual(t.session.view, "result");
    ok(t.text().includes("pair · round 2 · 1:00 left until the swap"), t.text());
  } finally {
    await t.tearDown();
  }
});

Deno.test("Session: with input closed, the swap starts the next round by itself", async () => {
  let now = 0;
  const t = await setUp({ pairMinutes: 0.5, now: () => now });
  try {
    await t.session.start();
    t.session.inputEnded();
    ok(t.text().includes("Input closed: still watching for saves"));
    now = 30_000;
    t.session.pairTick();
    ok(t.text().includes("SWAP"));
    strictEqual(t.session.view, "result");
    ok(t.text().includes("round 2"));
  } finally {
    await t.tearDown();
  }
});

Deno.test("Session: an unknown kata or a missing folder gets a message, and the loop stays where it was", async () => {
  const t = await setUp();
  try {
    await t.session.start();
    await t.session.handle({ kind: "go", kata: "42" });
    ok(
      t.text().includes(
        `Cannot find kata "42": choose a number from 01 to ${
          kataFiles(KATA_DIRS[KATA_DIRS.length - 1]).number
        }`,
      ),
      t.text(),
    );
    await t.session.handle({ kind: "go", kata: "5" });
    ok(
      t.text().includes(
        "Cannot open kata 05_adam: katas/05_adam/adam.ts or katas/05_adam/adam_test.ts is missing",
      ),
    );
    strictEqual(t.session.current, "01_gradient_hessian");
    await t.session.handle({ kind: "unknown", text: "z" });
    ok(t.text().includes('Unknown key "z": press ? for help.'));
  } finally {
    await t.tearDown();
  }
});

Deno.test("Session: r runs every kata present and records each result", async () => {
  const t = await setUp();
  try {
    await t.session.start();
    t.green.add("02_critical_points");
    await t.session.handle({ kind: "run-all" });
    deepStrictEqual(t.runs, [
      "01_gradient_hessian",
      "01_gradient_hessian",
      "02_critical_points",
      "03_minibatch_sgd",
    ]);
    strictEqual(t.store.progress.katas["02_critical_points"].result?.status, "passing");
    ok(t.text().includes(`Checked every kata: 1 of ${KATA_DIRS.length} pass.`), t.text());
  } finally {
    await t.tearDown();
  }
});

Deno.test("Session: a restart trusts stored results whose files did not change, and re-checks changed ones", async () => {
  const t = await setUp();
  try {
    t.green.add("01_gradient_hessian");
    await t.session.start();
    t.session.close();
    const runs: string[] = [];
    const restart = async () => {
      const session = new Session({
        root: t.root,
        screen: new PlainScreen(() => {}),
        colour: false,
        timeoutSeconds: 5,
        runner: (_r, dir) => {
          runs.push(dir);
          return Promise.reject(new Error("not needed here"));
        },
        watch: false,
        background: false,
      }, await ProgressStore.open(t.root));
      await session.start();
      session.close();
      return session.current;
    };
    strictEqual(await restart(), "02_critical_points", "01 passed on these very files");
    deepStrictEqual(runs, ["02_critical_points"]);
    await Deno.writeTextFile(
      `${t.root}/katas/01_gradient_hessian/gradient_hessian.ts`,
      "// edited on another machine\n",
    );
    strictEqual(
      await restart(),
      "01_gradient_hessian",
      "01 changed since its result: it is not trusted",
    );
  } finally {
    await t.tearDown();
  }
});

Deno.test("Session re-checks, when idle, a kata whose files changed since its stored result", async () => {
  const t = await setUp({ background: true, backgroundDelayMs: 10 });
  try {
    t.green.add("02_critical_points");
    await t.session.start();
    await t.session.handle({ kind: "go", kata: "2" }); // stores a passing result for 02
    await Deno.writeTextFile(
      `${t.root}/katas/02_critical_points/critical_points.ts`,
      "// changed elsewhere\n",
    );
    t.runs.length = 0;
    await t.session.handle({ kind: "go", kata: "1" }); // a run, then idle: the background check starts
    await new Promise((r) => setTimeout(r, 300));
    deepStrictEqual(t.runs, ["01_gradient_hessian", "02_critical_points"]);
    t.runs.length = 0;
    await t.session.handle({ kind: "go", kata: "1" });
    await new Promise((r) => setTimeout(r, 300));
    deepStrictEqual(t.runs, ["01_gradient_hessian"], "02 is verified again: no second check");
  } finally {
    await t.tearDown();
  }
});
