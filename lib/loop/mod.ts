/**
 * The guided loop (`deno task start`) as a library: kata references, hints,
 * the progress file, run summaries, the pair timer, one-shot commands and the
 * interactive session. `main.ts` is the command line.
 *
 * @example
 * ```ts
 * import { parseHints, findKata } from "./mod.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(findKata("5"), "05_adam");
 * strictEqual(parseHints("## Hint 1 — concept\nA\n## Hint 2 — formula\nB\n## Hint 3 — pseudocode\nC").length, 3);
 * ```
 *
 * @module
 */
export * from "../kata/catalogue.ts";
export * from "./hints.ts";
export * from "./fingerprint.ts";
export * from "./progress.ts";
export * from "./summary.ts";
export * from "./run_kata.ts";
export * from "./rows.ts";
export * from "./pair_timer.ts";
export * from "./keys.ts";
export * from "./render.ts";
export * from "./commands.ts";
export * from "./screen.ts";
export * from "./session.ts";
