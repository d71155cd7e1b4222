import { deepStrictEqual, rejects, strictEqual, throws } from "node:assert";
import { loadHints, parseHints } from "./hints.ts";
import { ValueError } from "../core/errors.ts";

const good =
  "# Hints\n\n## Hint 1 — concept\n\nA\n\n## Hint 2 — formula\n\nB\nB2\n\n## Hint 3 — pseudocode\n\nC\n";

Deno.test("parseHints() returns the three tiers in order with their bodies", () => {
  deepStrictEqual(parseHints(good), [
    { tier: 1, title: "concept", body: "A" },
    { tier: 2, title: "formula", body: "B\nB2" },
    { tier: 3, title: "pseudocode", body: "C" },
  ]);
});

Deno.test("parseHints() reads Windows line endings", () => {
  strictEqual(parseHints(good.replace(/\n/g, "\r\n"))[1].body, "B\nB2");
});

Deno.test("parseHints() refuses a missing tier and names the section", () => {
  throws(
    () =>
      parseHints("## Hint 1 — concept\nA\n## Hint 3 — pseudocode\nC\n", "katas/05_adam/hints.md"),
    (e: Error) =>
      e instanceof ValueError && e.message.includes('section 2 should be "## Hint 2 — formula"'),
  );
});

Deno.test("parseHints() refuses tiers out of order", () => {
  const swapped = "## Hint 2 — formula\nB\n## Hint 1 — concept\nA\n## Hint 3 — pseudocode\nC\n";
  throws(() => parseHints(swapped), /section 1 should be "## Hint 1 — concept"/);
});

Deno.test("parseHints() refuses an empty tier", () => {
  throws(() => parseHints(good.replace("\nA\n", "\n")), /"Hint 1 — concept" is empty/);
});

Deno.test("parseHints() refuses a fourth tier", () => {
  throws(() => parseHints(good + "\n## Hint 4 — extra\nD\n"), /4 hint sections, not 3/);
});

Deno.test("loadHints() says which file is missing", async () => {
  await rejects(
    loadHints("/nonexistent-root", "katas/05_adam/hints.md"),
    /Cannot read hints: katas\/05_adam\/hints.md is missing/,
  );
});
