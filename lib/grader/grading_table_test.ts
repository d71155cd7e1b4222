import { deepStrictEqual, ok, strictEqual } from "node:assert";
import {
  caseKey,
  casePoints,
  DEFAULT_KATA_POINTS,
  emptyTable,
  formatDefaultTable,
  GradingTableError,
  parseGradingTable,
} from "./grading_table.ts";

const KNOWN = new Map([
  ["05_adam", ["adam() a", "adam() b", "adam() c", "adam() d"]],
  ["06_warmup", ["warmup() a, with a comma", "warmup() b"]],
]);

function problemsOf(text: string): string[] {
  try {
    parseGradingTable(text, KNOWN, "table.csv");
  } catch (error) {
    ok(error instanceof GradingTableError, `expected a GradingTableError, got ${error}`);
    return error.problems;
  }
  throw new Error("expected the table to be refused");
}

Deno.test("caseKey() drops the backend from a case name", () => {
  strictEqual(caseKey("adam() a [cpu]"), "adam() a");
  strictEqual(caseKey("adam() a [webgpu — skipped: no adapter]"), "adam() a");
  strictEqual(caseKey("adam() [b] c"), "adam() [b] c");
});

Deno.test("casePoints() gives every kata the same points and every case an equal share by default", () => {
  const points = casePoints(emptyTable(), "05_adam", KNOWN.get("05_adam")!);
  deepStrictEqual([...points.values()], [2.5, 2.5, 2.5, 2.5]);
  const warmup = casePoints(emptyTable(), "06_warmup", KNOWN.get("06_warmup")!);
  strictEqual([...warmup.values()].reduce((a, b) => a + b), DEFAULT_KATA_POINTS);
});

Deno.test("parseGradingTable() reads a pool, a case of its own, kata numbers and comments", () => {
  const table = parseGradingTable(
    [
      "kata,case,points",
      "# comment lines are skipped",
      "05_adam,*,9",
      "5,adam() d [cpu],6",
      '06_warmup,"warmup() a, with a comma",1',
      "",
    ].join("\n"),
    KNOWN,
  );
  const adam = casePoints(table, "05_adam", KNOWN.get("05_adam")!);
  deepStrictEqual([...adam.entries()], [["adam() a", 3], ["adam() b", 3], ["adam() c", 3], [
    "adam() d",
    6,
  ]]);
  const warmup = casePoints(table, "06_warmup", KNOWN.get("06_warmup")!);
  deepStrictEqual([...warmup.values()], [1, 10]);
});

Deno.test("parseGradingTable() refuses an unknown kata and names the known ones", () => {
  const [problem] = problemsOf("kata,case,points\n09_gan,*,10\n");
  ok(problem.includes('kata "09_gan"') && problem.includes("05_adam, 06_warmup"), problem);
});

Deno.test("parseGradingTable() refuses an unknown case and suggests a near one", () => {
  const [problem] = problemsOf("kata,case,points\n05_adam,adam() z,1\n");
  ok(problem.includes('has no case named "adam() z"'), problem);
  ok(problem.includes('did you mean "adam() a"'), problem);
});

Deno.test("parseGradingTable() refuses negative and non-numeric points, listing every bad row", () => {
  const problems = problemsOf("kata,case,points\n05_adam,adam() a,-2\n05_adam,adam() b,lots\n");
  strictEqual(problems.length, 2);
  ok(problems[0].includes("row 2") && problems[0].includes("cannot be negative"), problems[0]);
  ok(problems[1].includes("row 3") && problems[1].includes('"lots"'), problems[1]);
});

Deno.test("parseGradingTable() refuses repeated rows, a wrong header and a short row", () => {
  ok(problemsOf("kata,case,points\n05_adam,*,1\n05_adam,*,2\n")[0].includes("repeats"));
  ok(problemsOf("kata,case,points\n05_adam,adam() a,1\n5,adam() a,2\n")[0].includes("repeats"));
  ok(problemsOf("name,points\n")[0].includes('header "kata,case,points"'));
  ok(problemsOf("kata,case,points\n05_adam,1\n")[0].includes("2 columns"));
});

Deno.test("formatDefaultTable() writes a table that reads back, cases ready to un-comment", () => {
  const text = formatDefaultTable(KNOWN, new Map([["06_warmup", ["warmup() b"]]]));
  ok(text.includes("# 06_warmup: hidden cases\n# 06_warmup,warmup() b,5"), text);
  const uncommented = text.replace(
    '# 06_warmup,"warmup() a, with a comma",5',
    '06_warmup,"warmup() a, with a comma",5',
  );
  const table = parseGradingTable(uncommented, KNOWN);
  strictEqual(table.katas.get("06_warmup")?.cases.get("warmup() a, with a comma"), 5);
  strictEqual(table.katas.get("05_adam")?.pool, DEFAULT_KATA_POINTS);
});
