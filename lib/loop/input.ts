/**
 * Reads the learner's actions from standard input: single keys in raw mode
 * when it is a terminal, typed lines otherwise (a pipe, a script, or a
 * terminal that refuses raw mode).
 *
 * @module
 */
import { type Action, keyActions, lineAction } from "./keys.ts";

/** How input is being read. */
export type InputMode = "keys" | "lines";

/** A running reader. */
export interface Input {
  /** "keys" (raw terminal) or "lines". */
  readonly mode: InputMode;
  /** Puts the terminal back into its normal mode. */
  close(): void;
}

/**
 * Starts reading standard input.
 *
 * @param onAction Called for each action.
 * @param onEnd Called once when input ends (a closed pipe).
 * @returns The reader.
 *
 * @example
 * ```ts ignore
 * import { readInput } from "./input.ts";
 * const input = readInput((action) => console.log(action), () => console.log("closed"));
 * console.log(input.mode);
 * ```
 */
export function readInput(onAction: (action: Action) => void, onEnd: () => void): Input {
  let mode: InputMode = "lines";
  if (Deno.stdin.isTerminal()) {
    try {
      Deno.stdin.setRaw(true);
      mode = "keys";
    } catch { /* no raw mode: read lines */ }
  }
  const reader = Deno.stdin.readable.pipeThrough(new TextDecoderStream()).getReader();
  (async () => {
    let buffer = "";
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done) break;
        if (mode === "keys") {
          for (const action of keyActions(value)) onAction(action);
          continue;
        }
        buffer += value;
        let newline: number;
        while ((newline = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, newline).replace(/\r$/, "");
          buffer = buffer.slice(newline + 1);
          onAction(lineAction(line));
        }
      }
      if (buffer.trim()) onAction(lineAction(buffer));
    } catch { /* stdin closed under us */ }
    onEnd();
  })();
  return {
    mode,
    close() {
      if (mode === "keys") {
        try {
          Deno.stdin.setRaw(false);
        } catch { /* not a terminal any more */ }
      }
    },
  };
}
