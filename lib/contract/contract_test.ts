/**
 * The kata contract of SPEC §5, checked on every run:
 * 1. every case passes against `solutions/` on every backend;
 * 2. every case fails against the shipped stub, saying "not implemented yet";
 * 3. every planted mistake is caught by a case whose message names it, and no
 *    failing case names a different mistake ("Likely mistake — X" with another
 *    X, or another planted mistake's name): a message that misnames is worse
 *    than a plain "Values differ", so the first message a learner sees names the
 *    planted mistake or none;
 * 4. a suite that builds on an earlier kata never fails because that kata is
 *    unsolved: with the earlier katas left as stubs, every case passes or waits
 *    ("[cpu — waiting: solve kata 01 first]");
 * plus: stubs are generated from the solutions, hints have three tiers, and
 * no suite imports `solutions/`.
 *
 * One `deno test` child runs all solution trees on every backend, another all
 * stub and mistake trees on the CPU. Filter: `-- --kata=05_adam`.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { type CaseResult } from "../runner/junit.ts";
import { runTests } from "../runner/run_tests.ts";
import { KATA_DIRS } from "../kata/catalogue.ts";
import { applyMistake, misnamedMistakes } from "./mistake.ts";
import { stubFromSolution } from "./stubs.ts";
import { buildVariants, loadKatas, type Variant } from "./variants.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const only = Deno.args.find((a) => a.startsWith("--kata="))?.slice("--kata=".length);
/** Planted mistakes every kata must have. */
const MIN_MISTAKES = 15;

const katas = (await loadKatas(repo)).filter(({ kata }) => !only || kata.dir === only);
/**
 * A short tag of the checkout's path: two checkouts on one machine (CI's
 * clone beside a developer's tree) must not empty each other's trees mid-run,
 * which made whole katas report no cases.
 */
async function checkoutTag(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(path));
  return Array.from(new Uint8Array(digest).slice(0, 4), (b) => b.toString(16).padStart(2, "0"))
    .join("");
}

// One fixed folder per checkout, emptied each run: Deno caches what it compiles by path, so a
// fresh random folder per run would grow that cache by some 100 MB every time.
const base = `${await Deno.makeTempDir({ prefix: "grad-dojo-probe-" }).then(async (probe) => {
  await Deno.remove(probe);
  return probe.slice(0, probe.lastIndexOf("/"));
})}/grad-dojo-contract-${await checkoutTag(repo)}${only ? `-${only}` : ""}`;
await Deno.remove(base, { recursive: true }).catch(() => {});
await Deno.mkdir(base, { recursive: true });
const variants = await buildVariants(repo, base, katas);

async function run(selected: Variant[], testArgs: string[]): Promise<CaseResult[]> {
  if (selected.length === 0) return [];
  const result = await runTests(selected.map((v) => v.testFile), {
    config: `${repo}/deno.json`,
    flags: ["--no-check", "--parallel"],
    testArgs,
  });
  if (result.cases.length === 0) {
    runFailure = `Cannot run the kata contract: deno test reported no cases\n${
      result.output.slice(-3000)
    }`;
  }
  return result.cases;
}

let runFailure = "";
const [solutionCases, otherCases] = await Promise.all([
  run(variants.filter((v) => v.kind === "solution"), []),
  run(variants.filter((v) => v.kind !== "solution"), ["--backend=cpu"]),
]);
await Deno.remove(base, { recursive: true }).catch(() => {});

function casesOf(variant: Variant, all: CaseResult[]): CaseResult[] {
  if (runFailure) throw new Error(runFailure);
  const marker = variant.root.slice(base.length + 1) + "/";
  return all.filter((c) => c.file.includes(marker));
}

function list(cases: CaseResult[], withMessage = false): string {
  return cases.map((c) =>
    `  - ${c.name}${
      withMessage ? `\n      ${c.message.split("\n").slice(0, 4).join("\n      ")}` : ""
    }`
  ).join("\n");
}

if (!only) {
  Deno.test("contract: every kata folder of SPEC §1 has a solution and a suite", () => {
    const missing = KATA_DIRS.filter((dir) => !katas.some(({ kata }) => kata.dir === dir));
    if (missing.length) throw new Error(`Missing katas: ${missing.join(", ")}`);
  });
}

for (const { kata, mistakes } of katas) {
  const mine = variants.filter((v) => v.kata.dir === kata.dir);
  const solution = mine.find((v) => v.kind === "solution")!;
  const stub = mine.find((v) => v.kind === "stub")!;

  Deno.test(`contract ${kata.dir}: the stub is generated from the solution`, async () => {
    const expected = stubFromSolution(
      await Deno.readTextFile(`${repo}/${kata.solution}`),
      kata.dir,
    );
    const actual = await Deno.readTextFile(`${repo}/${kata.stub}`).catch(() => "(missing)");
    if (actual !== expected) {
      throw new Error(
        `${kata.stub} differs from the stub generated from ${kata.solution}: run \`deno task stubs\``,
      );
    }
  });

  Deno.test(`contract ${kata.dir}: README, three hint tiers, and a suite that never imports solutions/`, async () => {
    await Deno.stat(`${repo}/${kata.readme}`);
    const hints = await Deno.readTextFile(`${repo}/${kata.hints}`);
    const tiers = [...hints.matchAll(/^## Hint (\d)/gm)].map((m) => m[1]).join();
    if (tiers !== "1,2,3") throw new Error(`${kata.hints} has hint tiers [${tiers}], not 1,2,3`);
    const suite = await Deno.readTextFile(`${repo}/${kata.test}`);
    if (/from\s+["'][^"']*solutions\//.test(suite)) {
      throw new Error(`${kata.test} imports from solutions/`);
    }
  });

  Deno.test(`contract ${kata.dir}: every case passes against the solution on every backend`, () => {
    const cases = casesOf(solution, solutionCases);
    if (cases.length === 0) throw new Error(`${kata.test} reported no cases`);
    const failed = cases.filter((c) => c.status === "failed");
    if (failed.length) {
      throw new Error(
        `${failed.length} cases fail against ${kata.solution}:\n${list(failed, true)}`,
      );
    }
  });

  Deno.test(`contract ${kata.dir}: every case fails against the stub, saying "not implemented yet"`, () => {
    const cases = casesOf(stub, otherCases);
    if (cases.length === 0) throw new Error(`${kata.test} reported no cases`);
    const passed = cases.filter((c) => c.status !== "failed");
    if (passed.length) {
      throw new Error(`${passed.length} cases do not fail against the stub:\n${list(passed)}`);
    }
    const unclear = cases.filter((c) => !/not implemented yet|needs kata/.test(c.message));
    if (unclear.length) {
      throw new Error(
        `${unclear.length} cases fail on the stub without saying "not implemented yet":\n${
          list(unclear, true)
        }`,
      );
    }
  });

  Deno.test(`contract ${kata.dir}: at least ${MIN_MISTAKES} planted mistakes`, () => {
    if (mistakes.length < MIN_MISTAKES) {
      throw new Error(
        `${kata.mistakes} plants ${mistakes.length} mistakes, fewer than ${MIN_MISTAKES}`,
      );
    }
  });

  const waiting = mine.find((v) => v.kind === "waiting");
  if (waiting) {
    Deno.test(`contract ${kata.dir}: with earlier katas unsolved, its cases pass or wait`, () => {
      const cases = casesOf(waiting, otherCases);
      if (cases.length === 0) throw new Error(`${kata.test} reported no cases`);
      const failed = cases.filter((c) => c.status === "failed");
      if (failed.length) {
        throw new Error(
          `${failed.length} cases fail while an earlier kata is a stub; they should wait:\n${
            list(failed, true)
          }`,
        );
      }
      if (!cases.some((c) => c.status === "passed")) {
        throw new Error(`No case of ${kata.dir}'s own runs while an earlier kata is a stub`);
      }
      if (!cases.some((c) => / — waiting: solve kata \d\d first\]$/.test(c.name))) {
        throw new Error(`No case of ${kata.dir} waits for the earlier kata it imports`);
      }
    });
  }

  for (const [i, mistake] of mistakes.entries()) {
    Deno.test(`contract ${kata.dir}: planted mistake "${mistake.name}" is caught and named`, async () => {
      applyMistake(await Deno.readTextFile(`${repo}/${kata.solution}`), mistake); // throws if it drifted
      const variant = mine.find((v) => v.kind === "mistake" && v.root.endsWith(`__mistake${i}`))!;
      const cases = casesOf(variant, otherCases);
      const failed = cases.filter((c) => c.status === "failed");
      if (failed.length === 0) {
        throw new Error(`No case fails with the mistake "${mistake.name}" planted`);
      }
      if (!failed.some((c) => c.message.includes(mistake.name))) {
        throw new Error(
          `${failed.length} cases fail with "${mistake.name}" planted, but none names it:\n${
            list(failed, true)
          }`,
        );
      }
      const wrong = failed.flatMap((c) =>
        misnamedMistakes(c.message, mistake, mistakes).map((name) =>
          `  - ${c.name}: names "${name}"`
        )
      );
      if (wrong.length) {
        throw new Error(
          `With "${mistake.name}" planted, ${wrong.length} failures name a different mistake:\n${
            wrong.join("\n")
          }`,
        );
      }
    });
  }
}
