/**
 * Lays out the folder one kata of one submission is graded in:
 *
 * ```text
 * <slot>/deno.json, deno.lock       the instructor's import map and lock
 * <slot>/lib/…, data/…              pristine copies from the instructor's copy
 * <slot>/katas/NN_slug/…            the shipped stubs, then the submission's
 *                                   files over them (never its test files)
 * <slot>/katas/NN_slug/slug_test.ts every kata's pristine suite (and README, hints,
 *                                   recorded TensorFlow.js answers)
 * <slot>/katas/NN_slug/<nonce>_hidden_test.ts   solutions/NN_slug/hidden_test.ts
 * <slot>/lib/grader-guard/guard.ts  the guard, preloaded (a fixed path: its compiled code is reused)
 * <slot>/lib/grader-<nonce>/        guard_claim.ts (takes the guard's controls: the entry's
 *                                   first import), phase_*.ts, tail.ts, entry_test.ts
 * ```
 *
 * `entry_test.ts` imports the suite, then the hidden tests, then the tail (the
 * canaries); the random nonce keeps a submission from naming the hidden file or
 * the run's claim on the guard. A slot is reused from job to job: lib/, data/
 * and the guard are copied once, a submission's katas once for all its runs in
 * that slot (no run can write to it), and each run adds only its own files.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { kataFiles } from "../../kata/catalogue.ts";
import { copyFileTo, removeTree, walkFiles, writeText } from "../files.ts";

/** Where a kata's sandbox put things. */
export interface SandboxLayout {
  /** The sandbox folder. */
  dir: string;
  /** Its deno.json. */
  config: string;
  /** The guard, to preload (the same for every run of the slot). */
  guard: string;
  /** The test file to run. */
  entry: string;
  /** This run's secret. */
  nonce: string;
  /** The hidden test file's name in the kata folder, or null. */
  hiddenName: string | null;
}

/** One run to lay out in a slot that holds its submission. */
export interface RunPlan {
  /** The slot folder. */
  slot: string;
  /** The kata to grade, e.g. "05_adam". */
  kata: string;
  /** The hidden test file, or null. */
  hiddenFile: string | null;
  /** The previous runs' hidden test files in the slot, to take away. */
  previousHidden?: string[];
  /**
   * Keep the other runs' files: this run is one more entry of a batch (one
   * `deno test` process, each entry in its own isolate) laid out just before.
   */
  addToBatch?: boolean;
}

const CONFIG_KEYS = ["imports", "scopes", "unstable", "compilerOptions"];

/**
 * Makes a fresh slot: pristine lib/ (without the grader), data/, and the
 * instructor's import map and lock.
 *
 * @param root The instructor's copy.
 * @param slot The folder to (re)create.
 *
 * @example
 * ```ts ignore
 * import { prepareSlot } from "./layout.ts";
 * await prepareSlot(".", "/tmp/grad-dojo-slot-0");
 * ```
 */
export async function prepareSlot(root: string, slot: string): Promise<void> {
  await removeTree(slot);
  await Deno.mkdir(slot, { recursive: true });
  const lib = await walkFiles(`${root}/lib`, {
    skipDir: (path) => path === "grader" || path.startsWith("grader-"),
  });
  for (const file of lib.files) {
    await copyFileTo(`${root}/lib/${file.path}`, `${slot}/lib/${file.path}`);
  }
  const data = await walkFiles(`${root}/data`).catch(() => ({ files: [] }));
  for (const file of data.files) {
    await copyFileTo(`${root}/data/${file.path}`, `${slot}/data/${file.path}`);
  }
  let config: Record<string, unknown> = {};
  try {
    const full = JSON.parse(await Deno.readTextFile(`${root}/deno.json`));
    for (const key of CONFIG_KEYS) if (key in full) config[key] = full[key];
  } catch {
    config = {};
  }
  await Deno.writeTextFile(`${slot}/deno.json`, JSON.stringify(config, null, 2) + "\n");
  await copyFileTo(ownFile("../guard.ts"), `${slot}/lib/${GUARD_FOLDER}/guard.ts`);
  try {
    await Deno.copyFile(`${root}/deno.lock`, `${slot}/deno.lock`);
  } catch { /* no lock */ }
}

/** The guard's folder in a slot's lib/ (fixed, so that its compiled code is cached). */
const GUARD_FOLDER = "grader-guard";

/** A file of the grader's (the guard files sit in lib/grader/, at the depth they have in a slot). */
const ownFile = (name: string) => fileURLToPath(new URL(name, import.meta.url));

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Copies a folder's files (not links) into another.
 *
 * @param from The source folder.
 * @param to The destination folder.
 */
async function copyTree(from: string, to: string): Promise<void> {
  const { files } = await walkFiles(from).catch(() => ({ files: [] }));
  for (const file of files) await copyFileTo(`${from}/${file.path}`, `${to}/${file.path}`);
}

/**
 * Lays out a submission's katas in a prepared slot: the shipped stubs, the
 * submission's files over them, then every kata's pristine suite, README,
 * hints and recorded answers over those (a submission's own copies of test
 * files are never run). Runs of that submission's katas then only add their
 * own files ({@linkcode layOutRun}); runs cannot write to the slot.
 *
 * @param root The instructor's copy.
 * @param slot The slot (prepared by {@linkcode prepareSlot}).
 * @param studentKatas The staged `katas/` of the submission (or of the reference).
 *
 * @example
 * ```ts ignore
 * import { layOutSubmission, prepareSlot } from "./layout.ts";
 * await prepareSlot(".", "/tmp/slot");
 * await layOutSubmission(".", "/tmp/slot", "/tmp/stage/alice/katas");
 * ```
 */
export async function layOutSubmission(
  root: string,
  slot: string,
  studentKatas: string,
): Promise<void> {
  await removeTree(`${slot}/katas`);
  // 1. The shipped stubs, so that an import of a kata the submission lacks
  //    resolves and its cases say "needs kata NN".
  const kataDirs: string[] = [];
  for await (const entry of Deno.readDir(`${root}/katas`)) {
    if (!entry.isDirectory) continue;
    kataDirs.push(entry.name);
    const stub = kataFiles(entry.name).stub;
    try {
      await copyFileTo(`${root}/${stub}`, `${slot}/${stub}`);
    } catch { /* a folder without a stub */ }
  }
  // 2. The submission's own files.
  await copyTree(studentKatas, `${slot}/katas`);
  // 3. The pristine files of every kata: its suite, README, hints — all but the stub.
  for (const kata of kataDirs) {
    const { files: pristine } = await walkFiles(`${root}/katas/${kata}`);
    for (const file of pristine) {
      if (`katas/${kata}/${file.path}` === kataFiles(kata).stub) continue;
      await copyFileTo(`${root}/katas/${kata}/${file.path}`, `${slot}/katas/${kata}/${file.path}`);
    }
  }
}

/**
 * Adds one run's own files to a slot laid out by {@linkcode layOutSubmission}
 * (and takes away the previous run's): the guard's claim, the phases, the
 * tail, the hidden tests and the entry, under a fresh nonce.
 *
 * @param plan The slot, the kata and its hidden tests.
 * @returns Where everything went.
 *
 * @example
 * ```ts ignore
 * import { layOutRun, layOutSubmission, prepareSlot } from "./layout.ts";
 * await prepareSlot(".", "/tmp/slot");
 * await layOutSubmission(".", "/tmp/slot", "/tmp/stage/alice/katas");
 * const layout = await layOutRun({ slot: "/tmp/slot", kata: "05_adam", hiddenFile: null });
 * ```
 */
export async function layOutRun(plan: RunPlan): Promise<SandboxLayout> {
  const { slot, kata } = plan;
  if (!plan.addToBatch) {
    for await (const entry of Deno.readDir(`${slot}/lib`)) {
      if (entry.name.startsWith("grader-") && entry.name !== GUARD_FOLDER) {
        await removeTree(`${slot}/lib/${entry.name}`);
      }
    }
    for (const file of plan.previousHidden ?? []) await Deno.remove(file).catch(() => {});
  }
  const files = kataFiles(kata);
  // 4. The hidden tests and the guard, under this run's nonce.
  const nonce = randomNonce();
  const guardDir = `${slot}/lib/grader-${nonce}`;
  await copyFileTo(ownFile("../guard_tail.ts"), `${guardDir}/tail.ts`);
  await writeText(
    `${guardDir}/guard_claim.ts`,
    `import { claimGuard } from "../${GUARD_FOLDER}/guard.ts";\n` +
      `/** This run's secret. */\nexport const NONCE = "${nonce}";\n` +
      `/** The guard's controls, taken before any submitted code loads. */\n` +
      `export const guard = claimGuard(NONCE);\n`,
  );
  for (const phase of ["visible", "hidden"]) {
    await writeText(
      `${guardDir}/phase_${phase}.ts`,
      `import { guard } from "./guard_claim.ts";\nguard.setPhase("${phase}");\n`,
    );
  }
  let hiddenName: string | null = null;
  const imports = [`./guard_claim.ts`, `./phase_visible.ts`, `../../${files.test}`];
  if (plan.hiddenFile) {
    hiddenName = `${nonce}_hidden_test.ts`;
    await copyFileTo(plan.hiddenFile, `${slot}/katas/${kata}/${hiddenName}`);
    imports.push(`./phase_hidden.ts`, `../../katas/${kata}/${hiddenName}`);
  }
  imports.push("./tail.ts");
  const entry = `${guardDir}/entry_test.ts`;
  // One after the other: a suite with a top-level await (a prerequisite probe)
  // would otherwise let the next phase begin before its cases are registered.
  await writeText(entry, imports.map((i) => `await import("${i}");\n`).join(""));
  return {
    dir: slot,
    config: `${slot}/deno.json`,
    guard: `${slot}/lib/${GUARD_FOLDER}/guard.ts`,
    entry,
    nonce,
    hiddenName,
  };
}
