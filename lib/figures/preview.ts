/**
 * A terminal preview of a kata's figures for the guided loop: one curve chart
 * drawn with asciichart, and the paths of the SVG files and the page.
 *
 * @module
 */
import asciichart from "asciichart";

/** Curves to preview in a terminal: a few series of numbers over the same steps. */
export interface Preview {
  /** What the chart shows, e.g. "loss per update (log10)". */
  title: string;
  /** The series, each with the name in its legend. */
  series: { name: string; values: number[] }[];
}

/** Colours of the series, in order (only used when colour is on). */
const COLOURS = [asciichart.blue, asciichart.red, asciichart.green, asciichart.magenta];

/**
 * Resamples a series to `width` evenly spaced points (first and last kept), so that series of
 * different lengths over the same span line up in one chart.
 *
 * @param values The series.
 * @param width How many points.
 * @returns The resampled series.
 *
 * @example
 * ```ts
 * import { resample } from "./preview.ts";
 * import { deepStrictEqual } from "node:assert";
 * deepStrictEqual(resample([0, 1, 2, 3, 4], 3), [0, 2, 4]);
 * deepStrictEqual(resample([0, 1], 4), [0, 0, 1, 1]);
 * ```
 */
export function resample(values: readonly number[], width: number): number[] {
  if (values.length === 0) return [];
  return Array.from(
    { length: width },
    (_, i) => values[Math.round(i * (values.length - 1) / (width - 1))],
  );
}

/**
 * The preview's lines: its title, an asciichart plot of the finite parts of the series, a legend.
 *
 * @param preview The curves.
 * @param options `width` (points across, default 60), `height` (rows, default 10), `colour`.
 * @returns The lines to print; an explanation instead of a chart when no series has numbers.
 *
 * @example
 * ```ts
 * import { previewLines } from "./preview.ts";
 * import { ok } from "node:assert";
 * const lines = previewLines({ title: "loss", series: [{ name: "GD", values: [3, 2, 1, 0.5] }] });
 * ok(lines[0] === "loss" && lines.some((l) => l.includes("╯") || l.includes("╰")));
 * ```
 */
export function previewLines(
  preview: Preview,
  options: { width?: number; height?: number; colour?: boolean } = {},
): string[] {
  const { width = 60, height = 10, colour = false } = options;
  const series = preview.series
    .map((s) => ({ name: s.name, values: resample(s.values.filter(Number.isFinite), width) }))
    .filter((s) => s.values.length > 1);
  if (series.length === 0) return [preview.title, "(nothing to draw yet)"];
  const chart = asciichart.plot(series.map((s) => s.values), {
    height,
    colors: colour ? series.map((_, i) => COLOURS[i % COLOURS.length]) : undefined,
    format: (x: number) => x.toPrecision(3).padStart(9),
  });
  const legend = series.map((s, i) => {
    const mark = colour ? asciichart.colored("──", COLOURS[i % COLOURS.length]) : `(${i + 1})`;
    return `${mark} ${s.name}`;
  }).join("   ");
  return [preview.title, ...chart.split("\n"), legend];
}
