// figures/index.html in a real headless browser (Debian's Chromium through
// playwright-core): every figure loads and has a size, the page logs no error,
// and its screenshot is not blank. Skipped, saying why, where Chromium is absent.
import { ok, strictEqual } from "node:assert";
import { Buffer } from "node:buffer";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext } from "playwright-core";
import { chromiumMissing, launchChromium } from "../runner/chromium.ts";
import { solvedRoot } from "./_solved_root.ts";
import { buildFigures } from "./build.ts";

const missing = chromiumMissing();

/** The standard deviation of the pixels' grey levels (0–255) of a PNG, decoded by the browser. */
async function greyStd(context: BrowserContext, png: Uint8Array): Promise<number> {
  const page = await context.newPage();
  try {
    const url = `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
    // Runs in the browser (a string: this file is type-checked without the DOM's types).
    const measure = `(async () => {
      const image = new Image();
      image.src = ${JSON.stringify(url)};
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const ctx = canvas.getContext("2d");
      ctx.drawImage(image, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let sum = 0, sumSq = 0, n = 0;
      for (let i = 0; i < data.length; i += 4) {
        const grey = (data[i] + data[i + 1] + data[i + 2]) / 3;
        sum += grey; sumSq += grey * grey; n++;
      }
      const mean = sum / n;
      return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    })()`;
    return await page.evaluate(measure) as number;
  } finally {
    await page.close();
  }
}

Deno.test({
  name: missing
    ? `figures/index.html renders in headless Chromium (skipped: ${missing})`
    : "figures/index.html renders in headless Chromium: every figure, no errors, not blank",
  ignore: missing !== undefined,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const root = await solvedRoot();
    const report = await buildFigures({ root, outDir: join(root, "figures"), webgpu: false });
    const expected = report.katas.flatMap((k) => k.figures).length;
    const context = await launchChromium();
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") {
          problems.push(`console ${m.type()}: ${m.text()}`);
        }
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("requestfailed", (r) => problems.push(`failed to load ${r.url()}`));
      await page.goto(pathToFileURL(report.page).href, { waitUntil: "load" });

      const images = await page.evaluate(
        `Array.from(document.querySelectorAll("figure img"), (img) => {
        const box = img.getBoundingClientRect();
        return {
          src: img.getAttribute("src"),
          loaded: img.complete && img.naturalWidth > 0 && img.naturalHeight > 0,
          width: box.width,
          height: box.height,
        };
      })`,
      ) as { src: string; loaded: boolean; width: number; height: number }[];
      strictEqual(images.length, expected);
      for (const image of images) {
        ok(image.loaded && image.width > 100 && image.height > 50, JSON.stringify(image));
      }
      strictEqual(problems.length, 0, problems.join("\n"));

      const shot = await page.screenshot(); // the first screenful: charts of katas 01 and 02
      const blank = await (async () => {
        const empty = await context.newPage();
        await empty.setContent("<body style='background:white'></body>");
        const png = await empty.screenshot();
        await empty.close();
        return greyStd(context, png);
      })();
      const ours = await greyStd(context, shot);
      // The check can fail: a blank page measures 0.
      ok(blank < 1, `a blank page should measure ~0, got ${blank}`);
      ok(ours > 20, `the screenshot looks blank: grey-level std ${ours}`);
    } finally {
      await context.close();
    }
  },
});
