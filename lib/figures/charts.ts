/**
 * Small Vega-Lite building blocks the kata figures share: a heatmap of a
 * surface over a grid, and its cells.
 *
 * @module
 */
import { grid } from "./figure.ts";

/** One cell of a surface: its centre, its bounds and the value there. */
export interface Cell {
  /** The centre's coordinates and the value, under the names given to {@linkcode surfaceCells}. */
  [field: string]: number;
  /** Left edge. */
  x0: number;
  /** Right edge. */
  x1: number;
  /** Bottom edge. */
  y0: number;
  /** Top edge. */
  y1: number;
}

/**
 * The cells of a `count`×`count` grid over a rectangle, with `value(x, y)` at each centre.
 *
 * @param xRange [min, max] of the horizontal axis.
 * @param yRange [min, max] of the vertical axis.
 * @param count Cells per side.
 * @param names The field names of the centre and the value, e.g. ["w1", "w2", "loss"].
 * @param value The surface; called once per cell, in rows of constant y.
 * @returns One row per cell.
 *
 * @example
 * ```ts
 * import { surfaceCells } from "./charts.ts";
 * import { strictEqual } from "node:assert";
 * const cells = await surfaceCells([0, 1], [0, 1], 2, ["a", "b", "v"], (a, b) => a + b);
 * strictEqual(cells.length, 4);
 * strictEqual(cells[3].v, 1.5); // centre (0.75, 0.75)
 * ```
 */
export async function surfaceCells(
  xRange: [number, number],
  yRange: [number, number],
  count: number,
  names: [string, string, string],
  value: (x: number, y: number) => number | Promise<number>,
): Promise<Cell[]> {
  const dx = (xRange[1] - xRange[0]) / count;
  const dy = (yRange[1] - yRange[0]) / count;
  const xs = grid(xRange[0] + dx / 2, xRange[1] - dx / 2, count);
  const ys = grid(yRange[0] + dy / 2, yRange[1] - dy / 2, count);
  const cells: Cell[] = [];
  for (const y of ys) {
    for (const x of xs) {
      cells.push({
        [names[0]]: x,
        [names[1]]: y,
        [names[2]]: await value(x, y),
        x0: x - dx / 2,
        x1: x + dx / 2,
        y0: y - dy / 2,
        y1: y + dy / 2,
      });
    }
  }
  return cells;
}

/** Options of {@linkcode heatmapLayer}. */
export interface HeatmapOptions {
  /** The named dataset holding the cells. */
  data: string;
  /** The value field coloured. */
  value: string;
  /** The colour legend's title. */
  valueTitle: string;
  /** Axis titles. */
  xTitle: string;
  /** Axis titles. */
  yTitle: string;
  /** "symlog" spreads colours over values that span decades. */
  scale?: "linear" | "symlog" | "log";
  /** The colour scheme. */
  scheme?: string;
}

/** The Vega-Lite layer {@linkcode heatmapLayer} returns. */
export interface HeatmapLayer {
  /** The named dataset. */
  data: { name: string };
  /** Rectangles without outlines. */
  mark: { type: "rect"; stroke: null };
  /** x/x2 and y/y2 from the cell bounds, colour from the value. */
  encoding: {
    x: {
      field: string;
      type: "quantitative";
      title: string;
      scale: { nice: boolean; zero: boolean };
    };
    x2: { field: string };
    y: {
      field: string;
      type: "quantitative";
      title: string;
      scale: { nice: boolean; zero: boolean };
    };
    y2: { field: string };
    color: {
      field: string;
      type: "quantitative";
      title: string;
      scale: { type: "linear" | "symlog" | "log"; scheme: string; reverse: boolean };
    };
  };
}

/**
 * A Vega-Lite layer drawing {@linkcode surfaceCells} as coloured rectangles.
 *
 * @param options Which dataset and fields, and the titles.
 * @returns The layer spec.
 *
 * @example
 * ```ts
 * import { heatmapLayer } from "./charts.ts";
 * import { strictEqual } from "node:assert";
 * const layer = heatmapLayer({ data: "surface", value: "loss", valueTitle: "L", xTitle: "w1", yTitle: "w2" });
 * strictEqual(layer.mark.type, "rect");
 * ```
 */
export function heatmapLayer(options: HeatmapOptions): HeatmapLayer {
  return {
    data: { name: options.data },
    mark: { type: "rect", stroke: null },
    encoding: {
      x: {
        field: "x0",
        type: "quantitative",
        title: options.xTitle,
        scale: { nice: false, zero: false },
      },
      x2: { field: "x1" },
      y: {
        field: "y0",
        type: "quantitative",
        title: options.yTitle,
        scale: { nice: false, zero: false },
      },
      y2: { field: "y1" },
      color: {
        field: options.value,
        type: "quantitative",
        title: options.valueTitle,
        scale: {
          type: options.scale ?? "linear",
          scheme: options.scheme ?? "blues",
          reverse: true,
        },
      },
    },
  };
}
