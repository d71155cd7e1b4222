/**
 * What the learner can ask the loop, from single keys in a raw-mode terminal
 * or from typed lines when input is not a terminal (a pipe, a script, an
 * editor's terminal without raw mode).
 *
 * @module
 */

/** An action of the loop. */
export type Action =
  | { kind: "hint" }
  | { kind: "list" }
  | { kind: "run-all" }
  | { kind: "skip" }
  | { kind: "next" }
  | { kind: "quit" }
  | { kind: "help" }
  | { kind: "back" }
  | { kind: "figures" }
  | { kind: "go"; kata: string }
  | { kind: "unknown"; text: string };

/** The keys, as the help line shows them. */
export const KEY_HELP: readonly [key: string, what: string][] = [
  ["h", "hint"],
  ["l", "list"],
  ["r", "run all"],
  ["s", "skip"],
  ["n", "next"],
  ["q", "quit"],
  ["f", "figures"],
];

/** The keyboard's number row, left to right: katas 1 to 12 ("0" is 10, "-" 11, "=" 12). */
export const NUMBER_ROW = "1234567890-=";

const LETTERS: Record<string, Action> = {
  h: { kind: "hint" },
  l: { kind: "list" },
  r: { kind: "run-all" },
  s: { kind: "skip" },
  n: { kind: "next" },
  q: { kind: "quit" },
  f: { kind: "figures" },
  "?": { kind: "help" },
};

/**
 * Decodes what a raw-mode terminal sent (one read, possibly several keys).
 *
 * @param text The characters read.
 * @returns One action per key; arrow keys and other escape sequences become "back".
 *
 * @example
 * ```ts
 * import { keyActions } from "./keys.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(keyActions("h3\x03"), [{ kind: "hint" }, { kind: "go", kata: "3" }, { kind: "quit" }]);
 * ```
 */
export function keyActions(text: string): Action[] {
  const actions: Action[] = [];
  for (let i = 0; i < text.length; i++) {
    const key = text[i];
    if (key === "\x1b") {
      // An escape sequence (arrow keys: ESC [ A) or a lone Escape.
      if (text[i + 1] === "[" || text[i + 1] === "O") {
        i += 2;
        while (i < text.length && !/[A-Za-z~]/.test(text[i])) i++;
      }
      actions.push({ kind: "back" });
    } else if (key === "\x03" || key === "\x04") actions.push({ kind: "quit" });
    else if (LETTERS[key.toLowerCase()]) actions.push(LETTERS[key.toLowerCase()]);
    else if (NUMBER_ROW.includes(key)) {
      actions.push({ kind: "go", kata: String(NUMBER_ROW.indexOf(key) + 1) });
    } else if (key === "\r" || key === "\n" || key === " ") actions.push({ kind: "back" });
    else actions.push({ kind: "unknown", text: key });
  }
  return actions;
}

const WORDS: Record<string, Action> = {
  hint: { kind: "hint" },
  list: { kind: "list" },
  run: { kind: "run-all" },
  "run all": { kind: "run-all" },
  all: { kind: "run-all" },
  skip: { kind: "skip" },
  next: { kind: "next" },
  quit: { kind: "quit" },
  exit: { kind: "quit" },
  help: { kind: "help" },
  figures: { kind: "figures" },
  show: { kind: "figures" },
};

/**
 * Decodes one typed line: a key letter, a word ("hint", "run all"), a kata
 * ("3", "05", "adam", "go 05"), or an empty line (back to the result).
 *
 * @param line The line, without its newline.
 * @returns The action.
 *
 * @example
 * ```ts
 * import { lineAction } from "./keys.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(lineAction(" H "), { kind: "hint" });
 * deepStrictEqual(lineAction("go adam"), { kind: "go", kata: "adam" });
 * deepStrictEqual(lineAction(""), { kind: "back" });
 * ```
 */
export function lineAction(line: string): Action {
  const text = line.trim().toLowerCase();
  if (text === "") return { kind: "back" };
  if (LETTERS[text]) return LETTERS[text];
  if (WORDS[text]) return WORDS[text];
  const go = /^(?:go|open|kata)\s+(.+)$/.exec(text);
  if (go) return { kind: "go", kata: go[1] };
  if (/^\d+$/.test(text) || /^\d\d_\w+$/.test(text) || /^[a-z][a-z0-9_]*$/.test(text)) {
    return { kind: "go", kata: text };
  }
  return { kind: "unknown", text: line.trim() };
}
