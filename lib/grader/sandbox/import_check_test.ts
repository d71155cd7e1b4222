import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { writeText } from "../files.ts";
import { auditImports, judgeImport, violationsFor } from "./import_check.ts";
import { gradeTest } from "../_test_permissions.ts";

const FILE = "katas/05_adam/adam.ts";

Deno.test("judgeImport() allows the library, other katas, data and node:assert", () => {
  for (
    const specifier of [
      "../../lib/mod.ts",
      "../04_momentum/momentum.ts",
      "./helpers.ts",
      "../../data/cars.csv",
      "node:assert",
    ]
  ) {
    strictEqual(judgeImport(FILE, { kind: "static", specifier }).reason, null, specifier);
  }
  strictEqual(
    judgeImport(FILE, { kind: "static", specifier: "../04_momentum/momentum.ts" }).target,
    "katas/04_momentum/momentum.ts",
  );
});

gradeTest(
  "judgeImport() refuses paths out of the sandbox, the test helpers, the grader and packages",
  () => {
    const refused = [
      "../../solutions/05_adam/adam.ts",
      "../../../../../home/prof/course/solutions/05_adam/adam.ts",
      "/etc/passwd",
      "file:///work/main/solutions/05_adam/adam.ts",
      "../../lib/testing/mod.ts",
      "../../lib/grader-abc/guard.ts",
      "npm:left-pad",
      "@tensorflow/tfjs-core",
      "https://example.com/x.ts",
      "data:text/javascript,export default 1",
      "node:fs",
      // Deno's URL parser decodes %2e%2e to ".."; the check must not let it through.
      "./%2e%2e/%2e%2e/%2e%2e/reference/katas/05_adam/adam.ts",
      "./%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
      "../../lib/mod.ts?x=../../solutions/05_adam/adam.ts",
      "..\\..\\solutions\\05_adam\\adam.ts",
    ];
    for (const specifier of refused) {
      ok(judgeImport(FILE, { kind: "static", specifier }).reason, `${specifier} should be refused`);
    }
  },
);

Deno.test("judgeImport() refuses import() in any form, require() and Deno's internals", () => {
  ok(judgeImport(FILE, { kind: "dynamic", specifier: "./adam.ts" }).reason?.includes("import()"));
  ok(judgeImport(FILE, { kind: "dynamic", specifier: null }).reason?.includes("import()"));
  ok(judgeImport(FILE, { kind: "require", specifier: "./x.js" }).reason?.includes("require()"));
  ok(judgeImport(FILE, { kind: "internals", specifier: null }).reason?.includes("internals"));
});

gradeTest(
  "auditImports() lints a submission and says which katas a refused import reaches",
  async () => {
    const dir = await Deno.makeTempDir();
    await writeText(
      `${dir}/katas/05_adam/adam.ts`,
      'import { tensor } from "../../lib/mod.ts";\nexport const f = () => import("./x.ts");\n',
    );
    await writeText(
      `${dir}/katas/06_warmup/warmup.ts`,
      'import { adam } from "../05_adam/adam.ts";\nexport { adam };\n',
    );
    await writeText(`${dir}/katas/04_momentum/momentum.ts`, "export const broken = (;\n");
    const audit = await auditImports(dir);
    deepStrictEqual(audit.violations, [{
      file: "katas/05_adam/adam.ts",
      line: 2,
      reason: 'loads a module with import() ("./x.ts")',
    }]);
    strictEqual(violationsFor(audit, "06_warmup").length, 1, "06 imports 05, so it is refused too");
    strictEqual(violationsFor(audit, "04_momentum").length, 0);
    ok(audit.parseErrors.get("katas/04_momentum/momentum.ts")?.startsWith("SyntaxError"));
    await Deno.remove(dir, { recursive: true });
  },
);
