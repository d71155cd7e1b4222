import { deepStrictEqual } from "node:assert";
import { parseJUnit } from "./junit.ts";

Deno.test("parseJUnit() reads passed, failed (with message) and skipped cases", () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="deno test" tests="3" failures="1" errors="0" time="0.014">
    <testsuite name="./a_test.ts" tests="3" disabled="1" errors="0" failures="1">
        <testcase name="passes [cpu]" classname="./a_test.ts" time="0.001" line="1" col="6">
        </testcase>
        <testcase name="fails &amp; &quot;quotes&quot; [cpu]" classname="./a_test.ts" time="0.006" line="2" col="6">
            <failure message="Uncaught Error: x">KataAssertionError: Values differ
  entry [0]: expected 1, got 2 &lt;here&gt;</failure>
        </testcase>
        <testcase name="skipped [webgpu — skipped: no adapter]" classname="./a_test.ts" time="0.000" line="3" col="6">
            <skipped/>
        </testcase>
    </testsuite>
</testsuites>`;
  deepStrictEqual(parseJUnit(xml), [
    { file: "./a_test.ts", name: "passes [cpu]", status: "passed", message: "" },
    {
      file: "./a_test.ts",
      name: 'fails & "quotes" [cpu]',
      status: "failed",
      message: "KataAssertionError: Values differ\n  entry [0]: expected 1, got 2 <here>",
    },
    {
      file: "./a_test.ts",
      name: "skipped [webgpu — skipped: no adapter]",
      status: "skipped",
      message: "",
    },
  ]);
});

Deno.test("parseJUnit() counts a self-closing <error/> as failed", () => {
  const xml =
    `<testsuite name="x"><testcase name="a" classname="./x_test.ts"><error message="boom"/></testcase></testsuite>`;
  deepStrictEqual(parseJUnit(xml), [{
    file: "./x_test.ts",
    name: "a",
    status: "failed",
    message: "boom",
  }]);
});
