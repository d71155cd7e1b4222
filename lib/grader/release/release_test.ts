import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert";
import { fileURLToPath } from "node:url";
import { entryKind, sha256File, walkFiles, writeText } from "../files.ts";
import { type Manifest, MANIFEST_FILE } from "../manifest.ts";
import { buildRelease, isReleased, ReleaseError, runReleaseCli, studentConfig } from "./release.ts";
import { importsOf, resolveImport } from "../../check/import_graph.ts";
import { gradeTest } from "../_test_permissions.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url)).replace(/\/$/, "");

Deno.test("isReleased() keeps the student's files and leaves out the instructor's", () => {
  for (
    const path of [
      "katas/05_adam/adam.ts",
      "katas/05_adam/hints.md",
      "lib/mod.ts",
      "lib/check/main.ts",
      "deno.json",
      "README.md",
      ".gitignore",
    ]
  ) {
    strictEqual(isReleased(path), true, path);
  }
  for (
    const path of [
      "solutions/05_adam/adam.ts",
      "solutions/05_adam/hidden_test.ts",
      "katas/05_adam/hidden_test.ts",
      "katas/05_adam/mistakes.ts",
      "lib/grader/fixtures/class/ada/katas/05_adam/adam.ts",
      "lib/grader/grade_test.ts",
      "lib/grader/main.ts",
      "lib/grader/release/release.ts",
      "lib/contract/contract_test.ts",
      "lib/contract/generate_stubs.ts",
      "lib/contract/stubs.ts",
      "lib/figures/_solved_root.ts",
      ".ci/run",
      ".github/workflows/ci.yml",
      "notes.txt",
    ]
  ) {
    strictEqual(isReleased(path), false, path);
  }
  // With --classroom the workflow grades with the copy's grader: its code, nothing else.
  for (const path of ["lib/grader/main.ts", "lib/grader/formats/outputs.ts"]) {
    strictEqual(isReleased(path, { classroom: true }), true, path);
  }
  for (
    const path of [
      "lib/grader/release/release.ts",
      "lib/grader/release/student_readme.md",
      "lib/grader/formats/outputs_test.ts",
      "lib/grader/_test_permissions.ts",
      "lib/grader/fixtures/class/ada/katas/05_adam/adam.ts",
      "lib/grader/README.md",
      "lib/contract/stubs.ts",
    ]
  ) {
    strictEqual(isReleased(path, { classroom: true }), false, path);
  }
});

Deno.test("studentConfig() drops the instructor's tasks and those whose file the copy lacks", () => {
  const text = JSON.stringify({
    tasks: {
      start: "deno run -A lib/loop/main.ts",
      bench: "deno bench lib/",
      grade: "deno run -A lib/grader/main.ts",
      release: "deno run -A lib/grader/release/release.ts",
      stubs: "deno run lib/contract/generate_stubs.ts",
      "build:x": "deno run -A lib/build/x.ts",
    },
    exclude: ["lib/grader/fixtures/", "data/*.csv"],
  });
  const held = ["lib/loop/main.ts", "lib/grader/main.ts", "lib/grader/release/release.ts"];
  const config = JSON.parse(studentConfig(text, held));
  deepStrictEqual(Object.keys(config.tasks), ["start", "bench"]);
  deepStrictEqual(config.exclude, ["data/*.csv"]);
  const classroom = JSON.parse(studentConfig(text, held, { classroom: true }));
  deepStrictEqual(Object.keys(classroom.tasks), ["start", "bench", "grade"]);
});

gradeTest("buildRelease() writes the student copy with a manifest of every test file", async () => {
  const out = await Deno.makeTempDir({ prefix: "grad-dojo-release-test-" });
  const report = await buildRelease({ root, out, classroom: true });
  const { files } = await walkFiles(out);
  const paths = files.map((f) => f.path);
  ok(!paths.some((p) => p.startsWith("solutions/")), "no solutions/");
  ok(!paths.some((p) => /(^|\/)(hidden[^/]*|mistakes\.ts)$/.test(p) && p.startsWith("katas/")));
  ok(!paths.some((p) => p.startsWith("lib/grader/fixtures/")), "no grader fixtures");
  ok(!paths.some((p) => /^lib\/grader\/.*_test\.ts$/.test(p)), "no grader tests");
  ok(!paths.some((p) => p.startsWith("lib/grader/release/")), "no release tool");
  ok(!paths.some((p) => p.startsWith("lib/contract/")), "no kata contract");
  // The workflow grades with the copy's own grader.
  ok(paths.includes("lib/grader/main.ts") && paths.includes(".github/workflows/classroom.yml"));
  const tasks = JSON.parse(await Deno.readTextFile(`${out}/deno.json`)).tasks;
  ok("grade" in tasks && !("release" in tasks) && !("stubs" in tasks), Object.keys(tasks).join());
  for (const name of ["adam.ts", "adam_test.ts", "README.md", "hints.md"]) {
    const path = `katas/05_adam/${name}`;
    ok(paths.includes(path), path);
    strictEqual(
      await sha256File(`${out}/${path}`),
      await sha256File(`${root}/${path}`),
      `${path} as shipped`,
    );
  }
  const manifest: Manifest = JSON.parse(await Deno.readTextFile(`${out}/${MANIFEST_FILE}`));
  const tests = paths.filter((p) => /_test\.ts$/.test(p));
  deepStrictEqual(Object.keys(manifest.tests).sort(), tests.sort());
  strictEqual(report.tests, tests.length);
  for (const path of tests) strictEqual(manifest.tests[path], await sha256File(`${out}/${path}`));
  strictEqual(manifest.support["lib/mod.ts"], await sha256File(`${out}/lib/mod.ts`));
  await rejects(() => buildRelease({ root, out }), /it is not empty \(add --force/);
  await Deno.remove(out, { recursive: true });
});

gradeTest("buildRelease() refuses a copy that would leak a solution", async () => {
  const dir = await Deno.makeTempDir();
  await writeText(`${dir}/course/solutions/05_adam/adam.ts`, "export const x = 1;\n");
  await writeText(
    `${dir}/course/katas/05_adam/adam.ts`,
    "export function f() {\n  // #region TODO(kata 05): f() — x\n  return 1;\n  // #endregion\n}\n",
  );
  await writeText(`${dir}/course/katas/05_adam/copy.ts`, "export const x = 1;\n");
  let message = "";
  await buildRelease({ root: `${dir}/course`, out: `${dir}/out` }).catch((error) => {
    ok(error instanceof ReleaseError);
    message = error.message;
  });
  ok(message.includes("katas/05_adam/adam.ts holds a solution region"), message);
  ok(message.includes("katas/05_adam/copy.ts is identical to solutions/05_adam/adam.ts"), message);
  await Deno.remove(dir, { recursive: true });
});

gradeTest("the release command needs --out and says what it wrote", async () => {
  const lines: string[] = [];
  strictEqual(await runReleaseCli([], (t) => lines.push(t)), 2);
  ok(lines[0].startsWith("Cannot build the release: --out DIR is required"));
  const out = await Deno.makeTempDir();
  strictEqual(await runReleaseCli(["--out", out, "--root", root], (t) => lines.push(t)), 0);
  ok(lines.at(-1)!.includes("no solutions, planted mistakes or hidden tests"), lines.at(-1));
  await Deno.remove(out, { recursive: true });
});

gradeTest(
  "buildRelease() refuses a kata file that is not its generated stub, unless --force",
  async () => {
    const dir = await Deno.makeTempDir();
    const solution =
      "export function f(): number {\n  // #region TODO(kata 05): f() — return 1\n  return 1;\n  // #endregion\n}\n";
    await writeText(`${dir}/course/solutions/05_adam/adam.ts`, solution);
    // The instructor solved the kata in their clone: the file is no longer the stub.
    await writeText(
      `${dir}/course/katas/05_adam/adam.ts`,
      "export function f(): number {\n  return 1 + 0;\n}\n",
    );
    await writeText(`${dir}/out/keep.txt`, "an earlier copy");
    let message = "";
    await buildRelease({ root: `${dir}/course`, out: `${dir}/first` }).catch((error) => {
      ok(error instanceof ReleaseError);
      message = error.message;
    });
    ok(/katas\/05_adam\/adam\.ts is not the stub/.test(message), message);
    const lines: string[] = [];
    strictEqual(
      await runReleaseCli(
        ["--out", `${dir}/fresh`, "--root", `${dir}/course`],
        (t) => lines.push(t),
      ),
      1,
      "the command exits non-zero",
    );
    ok(lines.join("\n").includes("katas/05_adam/adam.ts"), lines.join("\n"));
    strictEqual(await entryKind(`${dir}/fresh`), null, "nothing written half-way");
    strictEqual(await entryKind(`${dir}/first`), null, "nothing written half-way");
    const forced = await buildRelease({ root: `${dir}/course`, out: `${dir}/out`, force: true });
    ok(
      forced.warnings.some((w) => w.includes("katas/05_adam/adam.ts")),
      forced.warnings.join("\n"),
    );
    await Deno.remove(dir, { recursive: true });
  },
);

gradeTest(
  "the student copy's README is the learner's, and its kata suites load there",
  async () => {
    const out = await Deno.makeTempDir({ prefix: "grad-dojo-release-test-" });
    await buildRelease({ root, out });
    const readme = await Deno.readTextFile(`${out}/README.md`);
    ok(
      readme.includes("deno task start") && readme.includes("deno test katas/05_adam"),
      "learner commands",
    );
    ok(
      !/solutions\/|deno task (grade|release|stubs)|instructor/i.test(readme),
      "no instructor material",
    );
    strictEqual(await entryKind(`${out}/lib/grader`), null, "no grader, so no instructor notes");
    // `deno test katas/05_adam` loads (and type-checks) in the copy: no TS2307 for a missing solutions/.
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["test", "--no-run", "katas/05_adam"],
      cwd: out,
      env: { NO_COLOR: "1" },
      stdout: "null",
      stderr: "piped",
    }).output();
    const errors = new TextDecoder().decode(stderr);
    strictEqual(code, 0, errors);
    ok(!errors.includes("TS2307"), errors);
    await Deno.remove(out, { recursive: true });
  },
);

/** One default student copy, shared by the cases below. */
let defaultCopy: Promise<string> | undefined;
function studentCopy(): Promise<string> {
  defaultCopy ??= Deno.makeTempDir({ prefix: "grad-dojo-release-test-" }).then(async (out) => {
    globalThis.addEventListener("unload", () => Deno.removeSync(out, { recursive: true }));
    await buildRelease({ root, out });
    return out;
  });
  return defaultCopy;
}

gradeTest(
  "the student copy holds none of the instructor's tools: no grader, no contract",
  async () => {
    const out = await studentCopy();
    strictEqual(await entryKind(`${out}/lib/grader`), null, "lib/grader/ is left out");
    strictEqual(await entryKind(`${out}/lib/contract`), null, "lib/contract/ is left out");
    strictEqual(await entryKind(`${out}/lib/figures/_solved_root.ts`), null);
    const tasks = JSON.parse(await Deno.readTextFile(`${out}/deno.json`)).tasks;
    for (const task of ["grade", "release", "stubs"]) ok(!(task in tasks), `task ${task}`);
    for (const task of ["start", "test", "show", "bench", "fetch-data"]) ok(task in tasks, task);
  },
);

gradeTest("every command the copy's README and deno.json name has what it runs there", async () => {
  const out = await studentCopy();
  const tasks: Record<string, string> = JSON.parse(await Deno.readTextFile(`${out}/deno.json`))
    .tasks;
  const readme = await Deno.readTextFile(`${out}/README.md`);
  const named = [...readme.matchAll(/deno(?:@[\d.]+)? task ([\w:-]+)/g)].map((m) => m[1]);
  ok(named.includes("start") && named.includes("test"), named.join());
  for (const task of named) ok(task in tasks, `the README names deno task ${task}`);
  for (const [name, command] of Object.entries(tasks)) {
    for (const file of command.match(/(?<=\s)(?:lib|katas|data)\/\S*\.ts\b/g) ?? []) {
      strictEqual(await entryKind(`${out}/${file}`), "file", `task ${name} runs ${file}`);
    }
  }
  for (const match of readme.matchAll(/deno test (katas\/\w+)/g)) {
    strictEqual(await entryKind(`${out}/${match[1]}`), "dir", match[1]);
  }
  // Every module of the copy's lib/ imports only files the copy holds.
  const { files } = await walkFiles(`${out}/lib`);
  const missing: string[] = [];
  for (const { path } of files.filter((f) => f.path.endsWith(".ts"))) {
    const from = `lib/${path}`;
    const source = await Deno.readTextFile(`${out}/${from}`);
    for (const specifier of importsOf(source)) {
      const target = resolveImport(from, specifier);
      if (!target?.startsWith("lib/") || await entryKind(`${root}/${target}`) !== "file") continue;
      if (await entryKind(`${out}/${target}`) !== "file") missing.push(`${from} → ${target}`);
    }
  }
  deepStrictEqual(missing, []);
});

gradeTest("the copy's manifest hashes what the copy holds, its deno.json as written", async () => {
  const out = await studentCopy();
  const manifest: Manifest = JSON.parse(await Deno.readTextFile(`${out}/${MANIFEST_FILE}`));
  const { files } = await walkFiles(out);
  const expected = files.map((f) => f.path).filter((p) =>
    /^(lib|data)\//.test(p) || p === "deno.json" || p === "deno.lock" || /_test\.ts$/.test(p)
  ).sort();
  deepStrictEqual(Object.keys({ ...manifest.tests, ...manifest.support }).sort(), expected);
  for (const path of expected) {
    strictEqual(
      manifest.tests[path] ?? manifest.support[path],
      await sha256File(`${out}/${path}`),
      path,
    );
  }
  ok(
    manifest.support["deno.json"] !== await sha256File(`${root}/deno.json`),
    "the copy's deno.json (without the instructor's tasks) is the one hashed",
  );
});
