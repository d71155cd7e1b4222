/**
 * `deno task show [NN] [--open]`: draw the lecture's figures from the learner's
 * own kata files into `figures/` (SVG files and `index.html`).
 *
 * @module
 */
import { findKata } from "../kata/catalogue.ts";
import { buildFigures } from "./build.ts";

const USAGE =
  "Usage: deno task show [NN] [--open] [--backend=cpu]   (NN: a kata number or name; none draws all)";

/** Opens a file with the desktop's viewer; says so when there is none. */
function open(path: string): void {
  const command = Deno.build.os === "darwin"
    ? ["open", path]
    : Deno.build.os === "windows"
    ? ["cmd", "/c", "start", "", path]
    : ["xdg-open", path];
  try {
    const child = new Deno.Command(command[0], {
      args: command.slice(1),
      stdout: "null",
      stderr: "null",
    }).spawn();
    child.unref();
  } catch (error) {
    console.log(
      `Cannot open the page: ${command[0]} failed (${
        (error as Error).message
      }); open ${path} in a browser`,
    );
  }
}

async function main(args: string[]): Promise<number> {
  const wantsOpen = args.includes("--open");
  const cpuOnly = args.includes("--backend=cpu");
  const rest = args.filter((a) => a !== "--open" && a !== "--backend=cpu");
  if (rest.some((a) => a === "--help" || a === "-h")) {
    console.log(USAGE);
    return 0;
  }
  const unknown = rest.filter((a) => a.startsWith("-"));
  if (unknown.length > 0 || rest.length > 1) {
    console.error(
      `Cannot show figures: unexpected ${
        unknown.length ? unknown.join(" ") : rest.slice(1).join(" ")
      }\n${USAGE}`,
    );
    return 2;
  }
  let katas: string[] | undefined;
  try {
    katas = rest.length === 1 ? [findKata(rest[0])] : undefined;
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const started = performance.now();
  let report;
  try {
    report = await buildFigures({ katas, webgpu: !cpuOnly });
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  for (const kata of report.katas) {
    if (kata.problem) console.log(`${kata.dir}: ${kata.problem}`);
    for (const { figure, path } of kata.figures) {
      console.log(path);
      for (const note of figure.notes) console.log(`  · ${note}`);
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${report.page} (${seconds} s)`);
  if (wantsOpen) open(report.page);
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
