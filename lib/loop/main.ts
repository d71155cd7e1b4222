/**
 * `deno task start`: grad-dojo's guided loop, or one of its subcommands.
 *
 * @example Open the loop, or run the subcommands
 * ```sh
 * deno task start               # the loop on the first kata not passing
 * deno task start --pair 7      # pair mode: swap driver and navigator every 7 minutes
 * deno task start list          # progress of every kata
 * deno task start hint 05       # the next hint tier of kata 05
 * deno task start run 05        # run kata 05 once
 * deno task start check         # re-run every kata
 * ```
 *
 * @module
 */
import { type LoopArgs, parseArgs, USAGE } from "./args.ts";
import {
  checkCommand,
  type CommandContext,
  hintCommand,
  listCommand,
  runCommand,
} from "./commands.ts";
import { readInput } from "./input.ts";
import { findKata, missingFiles } from "../kata/catalogue.ts";
import { PROGRESS_FILE, ProgressStore } from "./progress.ts";
import { painter } from "./render.ts";
import { PlainScreen, type Screen, TtyScreen } from "./screen.ts";
import { Session } from "./session.ts";

/**
 * The repository root: two folders above this file.
 *
 * @returns An absolute path without a trailing slash.
 *
 * @example
 * ```ts
 * import { repositoryRoot } from "./main.ts";
 * import { ok } from "node:assert";
 * ok(!repositoryRoot().endsWith("/lib"));
 * ```
 */
export function repositoryRoot(): string {
  const path = decodeURIComponent(new URL("../..", import.meta.url).pathname);
  const native = Deno.build.os === "windows" ? path.replace(/^\/([A-Za-z]:)/, "$1") : path;
  return native.replace(/[\\/]$/, "");
}

function print(line: string): void {
  console.log(line);
}

async function loop(args: LoopArgs, root: string): Promise<number> {
  let start: string | undefined;
  if (args.kata !== undefined) {
    try {
      start = findKata(args.kata);
    } catch (error) {
      print(error instanceof Error ? error.message : String(error));
      return 2;
    }
    const missing = await missingFiles(root, start);
    if (missing.length) {
      print(`Cannot open kata ${start}: ${missing.join(" and ")} missing (deleted or renamed?)`);
      return 2;
    }
  }
  const tty = Deno.stdout.isTerminal();
  const screen: Screen = tty ? new TtyScreen() : new PlainScreen();
  const store = await ProgressStore.open(root);
  const session = new Session({
    root,
    screen,
    colour: args.colour && tty && !Deno.noColor,
    backend: args.backend,
    pairMinutes: args.pairMinutes,
    timeoutSeconds: args.timeoutSeconds,
    start,
  }, store);
  let interrupts = 0;
  const interrupt = () => {
    if (++interrupts > 1) {
      screen.close();
      Deno.exit(130);
    }
    session.handle({ kind: "quit" });
  };
  const listeners: [Deno.Signal, () => void][] = [["SIGINT", interrupt], [
    "SIGWINCH",
    () => session.redraw(),
  ]];
  for (const [signal, listener] of listeners) {
    try {
      Deno.addSignalListener(signal, listener);
    } catch { /* not on this platform */ }
  }
  const input = readInput((action) => {
    if (action.kind === "quit" && session.busy) interrupts++;
    session.handle(action).catch((error) => print(String(error)));
  }, () => session.inputEnded());
  try {
    await session.start();
    await session.done;
  } finally {
    input.close();
    screen.close();
  }
  if (session.busy) {
    print(
      `Waiting for the running tests to stop (at most ${args.timeoutSeconds} s; Ctrl-C again to leave now)…`,
    );
    await session.settled();
  }
  print(
    store.readOnly
      ? `Progress was not saved: ${PROGRESS_FILE} is read-only (${store.readOnly}).`
      : `Progress is saved in ${PROGRESS_FILE}: commit it to take it to another machine.`,
  );
  return 0;
}

/**
 * Runs the command line.
 *
 * @param argv The arguments.
 * @param root The repository root.
 * @returns The exit code.
 *
 * @example
 * ```ts ignore
 * import { main } from "./main.ts";
 * Deno.exit(await main(["list"]));
 * ```
 */
export async function main(argv: readonly string[], root = repositoryRoot()): Promise<number> {
  let args: LoopArgs;
  try {
    args = parseArgs(argv, Deno.noColor);
  } catch (error) {
    print(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const context: CommandContext = {
    root,
    print,
    paint: painter(args.colour && Deno.stdout.isTerminal() && !Deno.noColor),
    backend: args.backend,
    timeoutSeconds: args.timeoutSeconds,
  };
  switch (args.command) {
    case "help":
      print(USAGE);
      return 0;
    case "list":
      return await listCommand(context);
    case "hint":
      return await hintCommand(args.kata!, context);
    case "run":
      return await runCommand(args.kata!, context);
    case "check":
      return await checkCommand(context);
    case "loop":
      return await loop(args, root);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
