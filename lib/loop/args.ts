/**
 * The command line of `deno task start`.
 *
 * @module
 */
import { parseArgs as parseArgv } from "node:util";
import { ValueError } from "../core/errors.ts";
import type { BackendRequest } from "./run_kata.ts";

/** What was asked for. */
export interface LoopArgs {
  /** The interactive loop, or a one-shot subcommand. */
  command: "loop" | "list" | "hint" | "run" | "check" | "help";
  /** The kata named on the command line, as typed. */
  kata?: string;
  /** Pair mode: minutes per round. */
  pairMinutes?: number;
  /** A backend to force. */
  backend?: BackendRequest;
  /** Per-kata test timeout, in seconds. */
  timeoutSeconds: number;
  /** Whether to colour the output (`--no-color` or NO_COLOR turn it off). */
  colour: boolean;
}

/** The usage text. */
export const USAGE =
  `Usage: deno task start [kata] [options]       the guided loop (watch, keys, hints)
       deno task start list                     progress of every kata
       deno task start hint <kata>              the next hint tier of a kata
       deno task start run <kata>               run one kata once (exit 0 when green)
       deno task start check                    re-run every kata and update progress

A kata is its number (5 or 05), its name (adam) or its folder (05_adam).

Options:
  --pair <minutes>         pair mode: call "swap driver and navigator" every N minutes
  --backend <cpu|webgpu|auto>  run the cases on one backend only (auto, the default:
                           both; WebGPU cases are skipped, and say why, without an adapter)
  --timeout <seconds>      stop a kata's tests after this long (default 30)
  --no-color               plain text
  --help                   this text

Keys in the loop: h hint · l list · r run all · s skip · n next · q quit · 1–9, 0, -, = go to katas 1–12.
Without a terminal, type the key or the word and press enter.
Progress lives in .grad-dojo-progress.json at the repository root: commit it to carry it.`;

const COMMANDS = ["list", "hint", "run", "check", "help"] as const;

/** The options `node:util` parseArgs reads; `--help` and `--no-color` are flags. */
const OPTIONS = {
  pair: { type: "string" },
  backend: { type: "string" },
  timeout: { type: "string" },
  "no-color": { type: "boolean" },
  "no-colour": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** What `--backend` takes: a backend, or `auto` (the default: every backend available). */
const BACKENDS = ["cpu", "webgpu", "auto"] as const;

/** A positive number from an option's text, or a ValueError saying what was wrong. */
function positive(raw: string, refusal: string): number {
  const value = Number(raw);
  if (!(value > 0) || !Number.isFinite(value)) throw new ValueError(refusal);
  return value;
}

/**
 * Parses the arguments (with `node:util`'s `parseArgs`).
 *
 * @param argv `Deno.args`.
 * @param noColor Whether NO_COLOR is set.
 * @returns The parsed arguments.
 * @throws {ValueError} On an unknown option (listing the valid ones), a
 *   missing or bad value, or too many arguments.
 *
 * @example
 * ```ts
 * import { parseArgs } from "./args.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(parseArgs(["--pair", "7", "05"]), {
 *   command: "loop", kata: "05", pairMinutes: 7, timeoutSeconds: 30, colour: true,
 * });
 * deepStrictEqual(parseArgs(["run", "adam", "--backend=cpu"]).backend, "cpu");
 * ```
 */
export function parseArgs(argv: readonly string[], noColor = false): LoopArgs {
  let parsed;
  try {
    parsed = parseArgv({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const option = /'(-{1,2}[^' ]+)/.exec((error as Error).message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const valid = Object.keys(OPTIONS).map((name) => `--${name}`).join(", ");
      throw new ValueError(`Cannot read option "${option}": the options are ${valid} (see --help)`);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw new ValueError(`Cannot read ${option.split(" ")[0]}: it needs a value`);
    }
    throw new ValueError(`Cannot read the command line: ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  const args: LoopArgs = { command: "loop", timeoutSeconds: 30, colour: !noColor };
  if (values.help) {
    args.command = "help";
    return args;
  }
  if (values.pair !== undefined) {
    args.pairMinutes = positive(
      values.pair,
      `Cannot start pair mode: "${values.pair}" is not a number of minutes above 0`,
    );
  }
  if (values.backend !== undefined) {
    if (!(BACKENDS as readonly string[]).includes(values.backend)) {
      throw new ValueError(
        `Cannot use backend "${values.backend}": choose ${BACKENDS.join(", ")}`,
      );
    }
    if (values.backend !== "auto") args.backend = values.backend as "cpu" | "webgpu";
  }
  if (values.timeout !== undefined) {
    args.timeoutSeconds = positive(
      values.timeout,
      `Cannot set the timeout: "${values.timeout}" is not a number of seconds above 0`,
    );
  }
  if (values["no-color"] || values["no-colour"]) args.colour = false;
  const [first, ...rest] = positionals;
  if ((COMMANDS as readonly string[]).includes(first)) {
    args.command = first as LoopArgs["command"];
    if (args.command === "hint" || args.command === "run") {
      if (!rest.length) {
        throw new ValueError(`Cannot ${first}: name a kata, e.g. "deno task start ${first} 05"`);
      }
      args.kata = rest.shift();
    }
  } else if (first !== undefined) {
    args.kata = first;
  }
  if (rest.length) {
    throw new ValueError(`Cannot read "${rest.join(" ")}": too many arguments (see --help)`);
  }
  return args;
}
