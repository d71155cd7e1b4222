/**
 * Vega-Lite spec → SVG, headless: Vega-Lite compiles the spec to Vega, and a
 * Vega View with no renderer writes the scene as SVG (no DOM needed).
 *
 * @module
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * Renders a Vega-Lite spec to an SVG document.
 *
 * @param spec The chart, with its data inline (`data.values` or `datasets`).
 * @returns The SVG text.
 * @throws {Error} Whatever Vega-Lite or Vega say about an invalid spec.
 *
 * @example A line chart
 * ```ts
 * import { renderSvg } from "./render.ts";
 * import { ok } from "node:assert";
 * const svg = await renderSvg({
 *   data: { values: [{ t: 0, loss: 1 }, { t: 1, loss: 0.5 }] },
 *   mark: "line",
 *   encoding: { x: { field: "t", type: "quantitative" }, y: { field: "loss", type: "quantitative" } },
 * });
 * ok(svg.startsWith("<svg") && svg.includes("</svg>"));
 * ```
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
