import { ok, strictEqual, throws } from "node:assert";
import { fileURLToPath } from "node:url";
import { messageFor, parseHiddenConfig, readHiddenTests } from "./hidden.ts";

Deno.test("parseHiddenConfig() reads a default and per-case feedback, backend dropped", () => {
  const config = parseHiddenConfig('{"feedback":"full","cases":{"a [cpu]":"none","b":"message"}}');
  strictEqual(config.feedback, "full");
  strictEqual(config.cases.get("a"), "none");
  strictEqual(config.cases.get("b"), "message");
  strictEqual(parseHiddenConfig("{}").feedback, "message");
});

Deno.test("parseHiddenConfig() refuses bad JSON and unknown feedback levels", () => {
  throws(() => parseHiddenConfig("{", "x.json"), /Cannot read x\.json: it is not JSON/);
  throws(
    () => parseHiddenConfig('{"feedback":"some"}', "x.json"),
    /feedback "some" is not one of "full", "message", "none"/,
  );
  throws(() => parseHiddenConfig('{"cases":{"a":"all"}}', "x.json"), /case "a" has feedback "all"/);
});

Deno.test("messageFor() keeps everything, the first line, or nothing", () => {
  const text = "\n  Expected 1, got 2\n    at hidden_test.ts:3";
  strictEqual(messageFor(text, "full"), text);
  strictEqual(messageFor(text, "message"), "Expected 1, got 2");
  strictEqual(messageFor(text, "none"), "");
});

Deno.test("readHiddenTests() finds kata 05's hidden tests and their settings", async () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const hidden = await readHiddenTests(root, "05_adam");
  ok(hidden.testFile?.endsWith("solutions/05_adam/hidden_test.ts"));
  strictEqual(hidden.feedback, "message");
  strictEqual(
    hidden.cases.get("adam() takes the same steps when every gradient is 1000 times larger"),
    "none",
  );
  strictEqual((await readHiddenTests(root, "99_none")).testFile, null);
});
