import { deepStrictEqual } from "node:assert";
import { keyActions, lineAction } from "./keys.ts";

Deno.test("keyActions() maps the loop's letters, either case", () => {
  deepStrictEqual(keyActions("hlrsnqH?").map((a) => a.kind), [
    "hint",
    "list",
    "run-all",
    "skip",
    "next",
    "quit",
    "hint",
    "help",
  ]);
});

Deno.test("keyActions() treats arrows, Escape and Enter as back, Ctrl-C and Ctrl-D as quit", () => {
  deepStrictEqual(keyActions("\x1b[A\x1bOB\x1b\r\x03\x04").map((a) => a.kind), [
    "back",
    "back",
    "back",
    "back",
    "quit",
    "quit",
  ]);
});

Deno.test("keyActions() reports other keys as unknown, to say so", () => {
  deepStrictEqual(keyActions("x"), [{ kind: "unknown", text: "x" }]);
});

Deno.test("lineAction() reads words, letters, katas and empty lines", () => {
  deepStrictEqual(lineAction("run all"), { kind: "run-all" });
  deepStrictEqual(lineAction("QUIT"), { kind: "quit" });
  deepStrictEqual(lineAction("05"), { kind: "go", kata: "05" });
  deepStrictEqual(lineAction("05_adam"), { kind: "go", kata: "05_adam" });
  deepStrictEqual(lineAction("open 7"), { kind: "go", kata: "7" });
  deepStrictEqual(lineAction("   "), { kind: "back" });
  deepStrictEqual(lineAction("what?!"), { kind: "unknown", text: "what?!" });
});

Deno.test("keyActions() maps the number row to katas 1–12: 0 is 10, - is 11, = is 12", () => {
  deepStrictEqual(keyActions("90-="), [
    { kind: "go", kata: "9" },
    { kind: "go", kata: "10" },
    { kind: "go", kata: "11" },
    { kind: "go", kata: "12" },
  ]);
});
