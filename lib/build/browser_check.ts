/**
 * Loads the built npm package in headless Chromium as an ES module page, the
 * way a learner's browser would, and runs a little of the library there: on
 * the CPU always, and on WebGPU where the browser exposes an adapter. The
 * package's files are served to the page by Playwright's request routing from
 * `npm/`, so no port is opened and nothing leaves the machine.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { launchChromium } from "../runner/chromium.ts";

/** What the page computed. */
export interface BrowserResult {
  /** `[[1,2],[3,4]]` squared and summed per row, computed on the CPU: `[5, 25]`. */
  cpu: number[];
  /** The backend `useBackend("auto")` chose in the browser, and its note. */
  auto: { backend: string; note: string };
  /** The same product on WebGPU, when the browser had an adapter. */
  webgpu?: number[];
  /** Errors the page logged. */
  errors: string[];
}

const ORIGIN = "http://grad-dojo.test";

const PAGE = `<!doctype html>
<meta charset="utf-8">
<script type="importmap">{ "imports": { "@grad-dojo/grad-dojo": "/esm/mod.js" } }</script>
<script type="module">
  import { tensor, useBackend } from "@grad-dojo/grad-dojo";
  const run = async () => Array.from(await tensor([[1, 2], [3, 4]]).square().sum(1).data());
  const result = {};
  await useBackend("cpu");
  result.cpu = await run();
  const auto = await useBackend("auto");
  result.auto = { backend: auto.backend.name, note: auto.note };
  if (auto.backend.name === "webgpu") result.webgpu = await run();
  window.result = result;
</script>`;

const TYPES: Record<string, string> = { js: "text/javascript", json: "application/json" };

/**
 * Opens the package in headless Chromium and runs a product on each backend it has.
 *
 * @param packageDir The built package (`npm/`).
 * @returns What the page computed and any errors it logged.
 *
 * @example
 * ```ts ignore
 * import { checkInBrowser } from "./browser_check.ts";
 * console.log((await checkInBrowser("npm")).cpu); // [5, 25]
 * ```
 */
export async function checkInBrowser(packageDir: string): Promise<BrowserResult> {
  const context = await launchChromium();
  const errors: string[] = [];
  try {
    await context.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === "/" || path === "/index.html") {
        return route.fulfill({ contentType: "text/html", body: PAGE });
      }
      if (!path.startsWith("/esm/") || path.includes("..")) return route.fulfill({ status: 404 });
      try {
        const body = await Deno.readFile(`${packageDir}${path}`);
        const type = TYPES[path.slice(path.lastIndexOf(".") + 1)] ?? "text/plain";
        return route.fulfill({ contentType: type, body: Buffer.from(body) });
      } catch {
        return route.fulfill({ status: 404 });
      }
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
    page.on("requestfailed", (r) => errors.push(`failed to load ${r.url()}`));
    await page.goto(`${ORIGIN}/`, { waitUntil: "load" });
    await page.waitForFunction("window.result !== undefined", undefined, { timeout: 20_000 })
      .catch(() => errors.push("the page never finished its computation"));
    const result = await page.evaluate("window.result") as
      | Omit<BrowserResult, "errors">
      | undefined;
    return { cpu: [], auto: { backend: "none", note: "" }, ...result, errors };
  } finally {
    await context.close();
  }
}
