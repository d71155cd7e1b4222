/**
 * Regenerates `lib/figures/screenshot.png`, the README's picture of the page:
 * `deno run -A lib/figures/_screenshot.ts`. Draws from the solutions in a
 * scratch root (never katas/), CPU only, and photographs the page's first screenful.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchChromium } from "../runner/chromium.ts";
import { solvedRoot } from "./_solved_root.ts";
import { buildFigures } from "./build.ts";

if (import.meta.main) {
  const root = await solvedRoot();
  const report = await buildFigures({ root, outDir: join(root, "figures"), webgpu: false });
  const context = await launchChromium({ width: 1150, height: 1000 });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(report.page).href, { waitUntil: "load" });
    const out = fileURLToPath(new URL("./screenshot.png", import.meta.url));
    await page.screenshot({ path: out });
    console.log(out);
  } finally {
    await context.close();
  }
}
