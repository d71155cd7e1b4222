/**
 * `figures/index.html`: every kata's figures on one page, in order, each with
 * its caption and what could not be drawn. The charts themselves are SVG files
 * rendered by Vega; this page only places them.
 *
 * @module
 */
import type { Preview } from "./preview.ts";

/** One figure as the page shows it. */
export interface PageFigure {
  /** The SVG's file name, beside the page. */
  file: string;
  /** Its heading. */
  title: string;
  /** The lecture's point and what to look for. */
  caption: string;
  /** What could not be drawn. */
  notes: string[];
  /** Curves for a terminal preview. */
  preview?: Preview;
}

/** One kata on the page. */
export interface PageEntry {
  /** "05_adam". */
  dir: string;
  /** Its figures. */
  figures: PageFigure[];
  /** Why it has none. */
  problem?: string;
}

/**
 * Escapes text for HTML.
 *
 * @param text Any text.
 * @returns The text with `&`, `<`, `>` and `"` escaped.
 *
 * @example
 * ```ts
 * import { escapeHtml } from "./page.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(escapeHtml('a < "b" & c'), "a &lt; &quot;b&quot; &amp; c");
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/**
 * The page.
 *
 * @param entries The katas, in order.
 * @returns The HTML document.
 *
 * @example
 * ```ts
 * import { renderPage } from "./page.ts";
 * import { ok } from "node:assert";
 * const html = renderPage([{ dir: "04_momentum", figures: [
 *   { file: "04_bump.svg", title: "Bump", caption: "Look", notes: [] },
 * ] }]);
 * ok(html.includes('<img src="04_bump.svg"'));
 * ```
 */
export function renderPage(entries: readonly PageEntry[]): string {
  const sections = entries.map((entry) => {
    const body = entry.figures.map((figure) => {
      const notes = figure.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join("");
      return `<figure><img src="${escapeHtml(figure.file)}" alt="${escapeHtml(figure.title)}">` +
        `<figcaption><strong>${escapeHtml(figure.title)}.</strong> ${
          escapeHtml(figure.caption)
        }${notes}</figcaption></figure>`;
    }).join("\n");
    const problem = entry.problem ? `<p class="note">${escapeHtml(entry.problem)}</p>` : "";
    return `<section id="kata-${escapeHtml(entry.dir)}"><h2>${
      escapeHtml(entry.dir)
    }</h2>${problem}\n${body}</section>`;
  }).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>grad-dojo figures</title>
<link rel="icon" href="data:,">
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; color: #222; }
section { border-top: 1px solid #ccc; padding-top: 0.5rem; }
figure { display: inline-block; vertical-align: top; margin: 0 1.5rem 1.5rem 0; max-width: 33rem; }
figure img { display: block; max-width: 100%; }
figcaption { font-size: 0.9rem; line-height: 1.35; }
.note { color: #b34700; margin: 0.3rem 0; }
</style>
</head>
<body>
<h1>grad-dojo: the lecture's figures, drawn from your code</h1>
<p>Drawn by <code>deno task show</code> from the kata files in <code>katas/</code>. Run it again after you change a kata.</p>
${sections}
</body>
</html>
`;
}
