/**
 * Lays out the folder one kata of one submission is graded in:
 *
 * ```text
 * <slot>/deno.json, deno.lock       the instructor's import map and lock
 * <slot>/lib/…, data/…              pristine copies from the instructor's copy
 * <slot>/katas/NN_slug/…            the shipped stubs, then the submission's
 *                                   files over them (never its test files)
 * <slot>/katas/NN_slug/slug_test.ts the pristine suite (and README, hints)
 * <slot>/katas/NN_slug/<nonce>_hidden_test.ts   solutions/NN_slug/hidden_test.ts
 * <slot>/lib/grader-<nonce>/        guard.ts (preloaded), guard_config.ts,
 *                                   phase_*.ts, tail.ts and entry_test.ts
 * ```
 *
 * `entry_test.ts` imports the suite, then the hidden tests, then the tail (the
 * canaries); the random nonce keeps a submission from naming the hidden file or
 * the guard. A slot is reused from job to job: lib/ and data/ are copied once.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { kataFiles } from "../kata/catalogue.ts";
import { copyFileTo, removeTree, walkFiles, writeText } from "./files.ts";

/** Where a kata's sandbox put things. */
export interface SandboxLayout {
  /** The sandbox folder. */
  dir: string;
  /** Its deno.json. */
  config: string;
  /** The guard, to preload. */
  guard: string;
  /** The test file to run. */
  entry: string;
  /** This run's secret. */
  nonce: string;
  /** The hidden test file's name in the kata folder, or null. */
  hiddenName: string | null;
}

/** What to lay out. */
export interface KataSandboxPlan {
  /** The instructor's copy. */
  root: string;
  /** The slot folder (prepared by {@linkcode prepareSlot}). */
  slot: string;
  /** The staged `katas/` of the submission (or of the reference). */
  studentKatas: string;
  /** The kata to grade, e.g. "05_adam". */
  kata: string;
  /** The hidden test file, or null. */
  hiddenFile: string | null;
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
 * import { prepareSlot } from "./sandbox.ts";
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
  try {
    await Deno.copyFile(`${root}/deno.lock`, `${slot}/deno.lock`);
  } catch { /* no lock */ }
}

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
 * Lays out one kata of one submission in a prepared slot.
 *
 * @param plan The slot, the submission's staged files, the kata and its hidden tests.
 * @returns Where everything went.
 *
 * @example
 * ```ts ignore
 * import { layOutKata, prepareSlot } from "./sandbox.ts";
 * await prepareSlot(".", "/tmp/slot");
 * const layout = await layOutKata({
 *   root: ".", slot: "/tmp/slot", studentKatas: "/tmp/stage/katas", kata: "05_adam", hiddenFile: null,
 * });
 * ```
 */
export async function layOutKata(plan: KataSandboxPlan): Promise<SandboxLayout> {
  const { root, slot, kata } = plan;
  await removeTree(`${slot}/katas`);
  for await (const entry of Deno.readDir(`${slot}/lib`)) {
    if (entry.name.startsWith("grader-")) await removeTree(`${slot}/lib/${entry.name}`);
  }
  // 1. The shipped stubs, so that an import of a kata the submission lacks
  //    resolves and its cases say "needs kata NN".
  for await (const entry of Deno.readDir(`${root}/katas`)) {
    if (!entry.isDirectory) continue;
    const stub = kataFiles(entry.name).stub;
    try {
      await copyFileTo(`${root}/${stub}`, `${slot}/${stub}`);
    } catch { /* a folder without a stub */ }
  }
  // 2. The submission's own files.
  await copyTree(plan.studentKatas, `${slot}/katas`);
  // 3. The pristine files of the graded kata: its suite, README, hints — all but the stub.
  const files = kataFiles(kata);
  const { files: pristine } = await walkFiles(`${root}/katas/${kata}`);
  for (const file of pristine) {
    if (`katas/${kata}/${file.path}` === files.stub) continue;
    await copyFileTo(`${root}/katas/${kata}/${file.path}`, `${slot}/katas/${kata}/${file.path}`);
  }
  // 4. The hidden tests and the guard, under this run's nonce.
  const nonce = randomNonce();
  const guardDir = `${slot}/lib/grader-${nonce}`;
  const own = (name: string) => fileURLToPath(new URL(name, import.meta.url));
  await copyFileTo(own("guard.ts"), `${guardDir}/guard.ts`);
  await copyFileTo(own("guard_tail.ts"), `${guardDir}/tail.ts`);
  await writeText(
    `${guardDir}/guard_config.ts`,
    `/** This run's secret. */\nexport const NONCE = "${nonce}";\n`,
  );
  for (const phase of ["visible", "hidden"]) {
    await writeText(
      `${guardDir}/phase_${phase}.ts`,
      `import { setPhase } from "./guard.ts";\nsetPhase("${phase}");\n`,
    );
  }
  let hiddenName: string | null = null;
  const imports = [`./phase_visible.ts`, `../../${files.test}`];
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
    guard: `${guardDir}/guard.ts`,
    entry,
    nonce,
    hiddenName,
  };
}
