/**
 * Debian's Chromium, driven by playwright-core, for the tools that open a page:
 * the figures' browser test and the README's screenshot, and the npm package's
 * browser check. Never downloads a browser: where /usr/bin/chromium is
 * absent, {@linkcode chromiumMissing} says why the test is skipped.
 *
 * @module
 */
import type { BrowserContext } from "playwright-core";

/** Where Debian's `chromium` package puts the browser (`.ci/run` installs it). */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Why the browser cannot run here, or undefined when it can.
 *
 * @returns The reason, e.g. "/usr/bin/chromium is absent (apt-get install chromium)".
 *
 * @example
 * ```ts
 * import { chromiumMissing } from "./chromium.ts";
 * import { ok } from "node:assert";
 * const why = chromiumMissing();
 * ok(why === undefined || why.includes("/usr/bin/chromium"));
 * ```
 */
export function chromiumMissing(): string | undefined {
  try {
    Deno.statSync(CHROMIUM);
    return undefined;
  } catch {
    return `${CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)`;
  }
}

/**
 * Starts headless Chromium with an empty profile, offline-friendly flags and no sandbox (CI runs as root).
 *
 * @param viewport The window's size.
 * @returns The browser context; close it when done (its profile folder is removed then).
 */
export async function launchChromium(
  viewport = { width: 1200, height: 900 },
): Promise<BrowserContext> {
  // Loaded here, not on import: playwright-core reads the home folder as it loads.
  const { chromium } = await import("playwright-core");
  const profile = await Deno.makeTempDir({ prefix: "grad-dojo-chromium-" });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  context.on("close", () => Deno.remove(profile, { recursive: true }).catch(() => {}));
  return context;
}
