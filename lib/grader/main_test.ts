import { ok, strictEqual } from "node:assert";
import { fileURLToPath } from "node:url";
import { copyFileTo, entryKind, walkFiles, writeText } from "./files.ts";
import { type CliIo, parseGradeArgs, runGradeCli, UsageError } from "./main.ts";
import { gradeTest } from "./_test_permissions.ts";

const ada = fileURLToPath(new URL("fixtures/class/ada", import.meta.url));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "", err = "";
  const io: CliIo = { out: (t) => out += t, err: (t) => err += t };
  const code = await runGradeCli([...args, "--quiet"], io);
  return { code, out, err };
}

async function withTable(text: string, run: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/table.csv`, text);
  try {
    await run(`${dir}/table.csv`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("parseGradeArgs() reads options and refuses what it does not know", () => {
  const args = parseGradeArgs(
    ["--class", "c", "--katas=5,06_warmup", "--jobs", "3", "--no-cache"],
    "/r",
  );
  strictEqual(args.classDir, "c");
  strictEqual(args.katas?.join(), "5,06_warmup");
  strictEqual(args.jobs, 3);
  strictEqual(args.cache, false);
  for (
    const bad of [[], ["--bogus", "x"], ["a", "b"], ["a", "--class", "c"], [
      "a",
      "--timeout",
      "soon",
    ], [
      "a",
      "--out",
    ]]
  ) {
    let threw = false;
    try {
      parseGradeArgs(bad, "/r");
    } catch (error) {
      threw = error instanceof UsageError;
    }
    ok(threw, `${bad.join(" ")} should be refused`);
  }
});

gradeTest("grade: a bad command line prints the usage and exits 2", async () => {
  const { code, err } = await cli(["--timeout=-1", "x"]);
  strictEqual(code, 2);
  ok(
    err.includes('Cannot read --timeout: "-1" is not a positive number') && err.includes("Usage:"),
  );
});

gradeTest("grade: a submission that does not exist is a clear error", async () => {
  const { code, err } = await cli(["/surely/not/a/submission"]);
  strictEqual(code, 2);
  strictEqual(err, 'Cannot grade "/surely/not/a/submission": there is no such folder\n');
});

gradeTest("grade: a class folder that does not exist, or is empty, is a clear error", async () => {
  const dir = await Deno.makeTempDir();
  strictEqual(
    (await cli(["--class", `${dir}/nope`])).err,
    `Cannot grade the class: there is no folder at "${dir}/nope"\n`,
  );
  const empty = await cli(["--class", dir]);
  strictEqual(empty.code, 2);
  ok(empty.err.includes("holds no submission folders"), empty.err);
  await Deno.remove(dir, { recursive: true });
});

gradeTest(
  'grade: bad input is a clear "Cannot …" error, exit 2, and nothing is written',
  async () => {
    const dir = await Deno.makeTempDir();
    await writeText(`${dir}/a-file`, "not a folder");
    await writeText(`${dir}/class/ada/katas/05_adam/adam.ts`, "export {};\n");
    const cases: Array<[string[], RegExp]> = [
      [[`${dir}/missing`], /^Cannot grade ".*missing": there is no such folder/],
      [[`${dir}/a-file`], /^Cannot grade ".*a-file": it is not a folder/],
      [[`${dir}/class`, "--katas", "5"], /^Cannot grade ".*class": it holds no katas\/ folder/],
      [[ada, "--katas", "99"], /^Cannot find kata "99"/],
      [["--class", `${dir}/class`, "--shard", "4/3"], /^Cannot read --shard "4\/3"/],
      [["--class", `${dir}/a-file`], /^Cannot grade the class/],
      [[ada, "--out", `${dir}/a-file`], /^Cannot write the results to .*it is a file/],
    ];
    for (const [args, expected] of cases) {
      const { code, err } = await cli(
        args.includes("--out") ? args : [...args, "--out", `${dir}/out`],
      );
      strictEqual(code, 2, `${args.join(" ")}: ${err}`);
      ok(expected.test(err), `${args.join(" ")}: ${err}`);
    }
    strictEqual(await entryKind(`${dir}/out`), null, "nothing written");
    await Deno.remove(dir, { recursive: true });
  },
);

gradeTest(
  "grade: a grading table with an unknown kata or case, or negative points, stops grading",
  async () => {
    const cases: Array<[string, string]> = [
      ["kata,case,points\n09_gan,*,10\n", 'names kata "09_gan", which is not one of 05_adam'],
      [
        "kata,case,points\n05_adam,adam() flies,10\n",
        'kata 05_adam has no case named "adam() flies"',
      ],
      ["kata,case,points\n05_adam,*,-5\n", "points cannot be negative"],
    ];
    for (const [text, expected] of cases) {
      await withTable(text, async (table) => {
        const { code, err } = await cli([ada, "--katas", "5", "--table", table]);
        strictEqual(code, 2);
        ok(err.startsWith(`Cannot read grading table ${table}:`) && err.includes(expected), err);
      });
    }
    const missing = await cli([ada, "--katas", "5", "--table", "/no/table.csv"]);
    strictEqual(missing.err, 'Cannot read grading table "/no/table.csv": there is no such file\n');
  },
);

gradeTest(
  "grade: --print-table writes the default table with kata 05's visible and hidden cases",
  async () => {
    const { code, out } = await cli(["--print-table", "--katas", "5"]);
    strictEqual(code, 0);
    ok(out.includes("kata,case,points\n05_adam,*,10\n# 05_adam: visible cases\n"), out);
    ok(out.includes("# 05_adam: hidden cases\n"), out);
  },
);

gradeTest("grade: duplicate student names are both graded, with a warning", async () => {
  const dir = await Deno.makeTempDir();
  for (const name of ["Ada", "ada"]) {
    await copyFileTo(`${ada}/katas/05_adam/adam.ts`, `${dir}/${name}/katas/05_adam/adam.ts`);
  }
  const { code, out, err } = await cli([
    "--class",
    dir,
    "--katas",
    "5",
    "--out",
    `${dir}/../grades-${dir.split("/").pop()}`,
  ]);
  strictEqual(code, 0);
  ok(err.includes('duplicate student names: "Ada" and "ada" would share an output folder'), err);
  ok(/Ada +10 +10 \/ 10 \(100%\)/.test(out) && /ada \(2\) +10 +10 \/ 10/.test(out), out);
  const gradebook = await Deno.readTextFile(
    `${dir}/../grades-${dir.split("/").pop()}/gradebook.csv`,
  );
  ok(
    gradebook.includes("\nAda,10,10,10,100,\n") && gradebook.includes("\nada (2),10,10,10,100,\n"),
    gradebook,
  );
  await Deno.remove(`${dir}/../grades-${dir.split("/").pop()}`, { recursive: true });
  await Deno.remove(dir, { recursive: true });
});

gradeTest("grade: --out writes the six outputs of one submission", async () => {
  const dir = await Deno.makeTempDir();
  const { code, out } = await cli([ada, "--katas", "5", "--out", dir]);
  strictEqual(code, 0);
  ok(out.startsWith("ada — 10 / 10 (100%)"), out);
  for (
    const name of [
      "summary.txt",
      "grade.json",
      "feedback.md",
      "junit.xml",
      "results.json",
      "autograding.json",
    ]
  ) {
    ok((await Deno.stat(`${dir}/${name}`)).size > 0, name);
  }
  strictEqual(JSON.parse(await Deno.readTextFile(`${dir}/results.json`)).status, "pass");
  strictEqual(JSON.parse(await Deno.readTextFile(`${dir}/autograding.json`)).max_score, 10);
  await Deno.remove(dir, { recursive: true });
});

gradeTest(
  "grade: 3 shards merged give the same gradebook and student files as one run",
  async () => {
    const dir = await Deno.makeTempDir();
    for (const student of ["ada", "cho", "missing_kata"]) {
      const from = fileURLToPath(new URL(`fixtures/class/${student}`, import.meta.url));
      for (const file of (await walkFiles(from)).files) {
        await copyFileTo(`${from}/${file.path}`, `${dir}/class/${student}/${file.path}`);
      }
    }
    const common = ["--katas", "5", "--timeout", "20"];
    strictEqual(
      (await cli(["--class", `${dir}/class`, ...common, "--out", `${dir}/whole`])).code,
      0,
    );
    for (const k of [1, 2, 3]) {
      const shard = await cli([
        "--class",
        `${dir}/class`,
        ...common,
        "--shard",
        `${k}/3`,
        "--out",
        `${dir}/shard${k}`,
      ]);
      strictEqual(shard.code, 0, shard.err);
    }
    const merged = await cli([
      "merge",
      `${dir}/merged`,
      ...[1, 2, 3].map((k) => `${dir}/shard${k}`),
    ]);
    strictEqual(merged.code, 0, merged.err);
    const stamp = (text: string) =>
      text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "TIME").replace(/\(\d+(\.\d+)? s\)/g, "(T s)")
        .replace(/"(durationMs|time)": ?[\d.]+/g, '"$1": 0').replace(/time="[\d.]+"/g, 'time="0"')
        .replace(/"execution_time": ?"[\d.]+s"/g, '"execution_time":"T"')
        .replace(/"(duration|durationMs|time)": ?[\d.]+/g, '"$1": 0');
    strictEqual(
      await Deno.readTextFile(`${dir}/merged/gradebook.csv`),
      await Deno.readTextFile(`${dir}/whole/gradebook.csv`),
    );
    const whole = (await walkFiles(`${dir}/whole/students`)).files.map((f) => f.path).sort();
    const joined = (await walkFiles(`${dir}/merged/students`)).files.map((f) => f.path).sort();
    strictEqual(joined.join(), whole.join());
    for (const path of whole) {
      strictEqual(
        stamp(await Deno.readTextFile(`${dir}/merged/students/${path}`)),
        stamp(await Deno.readTextFile(`${dir}/whole/students/${path}`)),
        path,
      );
    }
    await Deno.remove(dir, { recursive: true });
  },
);

gradeTest(
  "deno task grade, with the task's own permissions, stops a memory bomb at the memory cap",
  async () => {
    // The task does not run with --allow-all, so /proc is closed to it and the
    // sandbox's memory is read with ps: the whole tree (bubblewrap, its init,
    // Deno), not bubblewrap's 2 MB alone — which let this bomb run on to the CPU limit.
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const bomb = fileURLToPath(new URL("fixtures/class/memory_bomb", import.meta.url));
    const { stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: [
        "task",
        "grade",
        bomb,
        "--katas",
        "05_adam",
        "--timeout",
        "20",
        "--rss-mb",
        "700",
        "--heap-mb",
        "256",
        "--quiet",
      ],
      cwd: root,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
    ok(/MEMORY: used more than 700 MB/.test(text), text.slice(-600));
  },
);
