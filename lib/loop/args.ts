/**
 * The command line of `deno task start`.
 *
 * @module
 */
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
  --backend <cpu|webgpu>   run the cases on one backend only (default: both; WebGPU
                           cases are skipped, and say why, without an adapter)
  --timeout <seconds>      stop a kata's tests after this long (default 30)
  --no-color               plain text
  --help                   this text

Keys in the loop: h hint · l list · r run all · s skip · n next · q quit · 1–8 go to a kata.
Without a terminal, type the key or the word and press enter.
Progress lives in .grad-dojo-progress.json at the repository root: commit it to carry it.`;

const COMMANDS = ["list", "hint", "run", "check", "help"] as const;

/**
 * Parses the arguments.
 *
 * @param argv `Deno.args`.
 * @param noColor Whether NO_COLOR is set.
 * @returns The parsed arguments.
 * @throws {ValueError} On an unknown option or a bad value.
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
  const args: LoopArgs = { command: "loop", timeoutSeconds: 30, colour: !noColor };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--")
      ? argv[i].split(/=(.*)/s, 2)
      : [argv[i], undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new ValueError(`Cannot read ${flag}: it needs a value`);
      return v;
    };
    switch (flag) {
      case "--pair": {
        const raw = value();
        const minutes = Number(raw);
        if (!(minutes > 0) || !Number.isFinite(minutes)) {
          throw new ValueError(
            `Cannot start pair mode: "${raw}" is not a number of minutes above 0`,
          );
        }
        args.pairMinutes = minutes;
        break;
      }
      case "--backend": {
        const raw = value();
        if (raw !== "cpu" && raw !== "webgpu") {
          throw new ValueError(`Cannot use backend "${raw}": choose cpu or webgpu`);
        }
        args.backend = raw;
        break;
      }
      case "--timeout": {
        const raw = value();
        const seconds = Number(raw);
        if (!(seconds > 0) || !Number.isFinite(seconds)) {
          throw new ValueError(
            `Cannot set the timeout: "${raw}" is not a number of seconds above 0`,
          );
        }
        args.timeoutSeconds = seconds;
        break;
      }
      case "--no-color":
      case "--no-colour":
        args.colour = false;
        break;
      case "--help":
      case "-h":
        args.command = "help";
        break;
      default:
        if (flag.startsWith("-")) {
          throw new ValueError(`Cannot read option "${argv[i]}": see --help`);
        }
        positional.push(flag);
    }
  }
  if (args.command === "help") return args;
  const [first, ...rest] = positional;
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
