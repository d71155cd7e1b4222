/**
 * The grading table: how many points each case is worth. A CSV the instructor
 * edits, with the header `kata,case,points`:
 *
 * ```csv
 * kata,case,points
 * 05_adam,*,20
 * 05_adam,adam() follows TensorFlow.js Adam for 100 steps on a bowl,5
 * 08_kfold,*,0
 * ```
 *
 * - `kata,*,P`: the kata's cases without a row of their own share P points
 *   equally (P = {@linkcode DEFAULT_KATA_POINTS} when the kata has no `*` row);
 * - `kata,case,p`: that case is worth p points (the name without its backend,
 *   " [cpu]"; visible and hidden cases alike).
 *
 * So by default every kata is worth the same and every case within a kata too.
 * Lines starting with `#` are comments.
 *
 * @module
 */
import { parse } from "csv-parse/sync";
import { parseCaseName } from "../core/case_name.ts";
import { matchKata } from "../kata/catalogue.ts";

/** The points a kata's cases share when the table says nothing about it. */
export const DEFAULT_KATA_POINTS = 10;

/** The table, read and checked. */
export interface GradingTable {
  /** Per kata folder ("05_adam"): the shared pool and the cases with their own points. */
  katas: Map<string, { pool?: number; cases: Map<string, number> }>;
}

/** An empty table: every default applies. */
export function emptyTable(): GradingTable {
  return { katas: new Map() };
}

/** A grading table that cannot be used; `problems` lists every line at fault. */
export class GradingTableError extends Error {
  /** One line per problem. */
  readonly problems: string[];
  /**
   * Makes the error.
   *
   * @param source Where the table came from, for the message.
   * @param problems What is wrong.
   */
  constructor(source: string, problems: string[]) {
    super(`Cannot read grading table ${source}: ${problems.join("; ")}`);
    this.name = "GradingTableError";
    this.problems = problems;
  }
}

/**
 * A case's name without its backend: "adam() … [cpu]" → "adam() …".
 *
 * @param name The full case name.
 * @returns The name the grading table uses.
 *
 * @example
 * ```ts
 * import { caseKey } from "./grading_table.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(caseKey("adam() uses defaults [cpu]"), "adam() uses defaults");
 * strictEqual(caseKey("a case [webgpu — skipped: no adapter]"), "a case");
 * ```
 */
export function caseKey(name: string): string {
  return parseCaseName(name)?.name ?? name;
}

/** The case sharing the longest start with `name`, when that start is long enough to mean something. */
function nearest(name: string, cases: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestLength = 0;
  for (const candidate of cases) {
    let n = 0;
    while (n < name.length && name[n].toLowerCase() === candidate[n]?.toLowerCase()) n++;
    if (n > bestLength) [best, bestLength] = [candidate, n];
  }
  return bestLength >= Math.min(6, name.length / 2) ? best : undefined;
}

/**
 * Reads and checks a grading table against the cases that exist.
 *
 * @param text The CSV.
 * @param known Every kata folder being graded, with its cases' names (as
 *   {@linkcode caseKey} gives them, visible and hidden).
 * @param source The file name, for messages.
 * @returns The table.
 * @throws {GradingTableError} Listing every unknown kata or case, bad or
 *   negative points, duplicate rows and a wrong header.
 *
 * @example
 * ```ts
 * import { parseGradingTable } from "./grading_table.ts";
 * import { strictEqual } from "node:assert";
 * const known = new Map([["05_adam", ["adam() a", "adam() b"]]]);
 * const table = parseGradingTable("kata,case,points\n05_adam,adam() a,3\n", known);
 * strictEqual(table.katas.get("05_adam")?.cases.get("adam() a"), 3);
 * ```
 */
export function parseGradingTable(
  text: string,
  known: ReadonlyMap<string, readonly string[]>,
  source = "(table)",
): GradingTable {
  let rows: string[][];
  try {
    rows = parse(text, {
      comment: "#",
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as string[][];
  } catch (error) {
    throw new GradingTableError(source, [`it is not valid CSV (${(error as Error).message})`]);
  }
  const problems: string[] = [];
  const header = rows.shift()?.map((cell) => cell.toLowerCase());
  if (!header || header.join(",") !== "kata,case,points") {
    throw new GradingTableError(source, [
      `its first row must be the header "kata,case,points", not "${header?.join(",") ?? ""}"`,
    ]);
  }
  const table = emptyTable();
  const katas = [...known.keys()];
  rows.forEach((row, index) => {
    const where = `row ${index + 2}`;
    if (row.length !== 3) {
      problems.push(`${where} has ${row.length} columns, not 3 (kata,case,points)`);
      return;
    }
    const [kataText, caseText, pointsText] = row;
    const kata = matchKata(kataText);
    if (!kata || !katas.includes(kata)) {
      problems.push(`${where} names kata "${kataText}", which is not one of ${katas.join(", ")}`);
      return;
    }
    const points = Number(pointsText);
    if (pointsText === "" || !Number.isFinite(points)) {
      problems.push(`${where} gives "${pointsText}" points, which is not a number`);
      return;
    }
    if (points < 0) {
      problems.push(`${where} gives ${points} points; points cannot be negative`);
      return;
    }
    const entry = table.katas.get(kata) ?? { cases: new Map<string, number>() };
    table.katas.set(kata, entry);
    if (caseText === "*" || caseText === "") {
      if (entry.pool !== undefined) problems.push(`${where} repeats the "*" row of ${kata}`);
      entry.pool = points;
      return;
    }
    const name = caseKey(caseText);
    const cases = known.get(kata) ?? [];
    if (!cases.includes(name)) {
      const close = nearest(name, cases);
      problems.push(
        `${where}: kata ${kata} has no case named "${name}"${
          close ? ` (did you mean "${close}"?)` : ""
        }`,
      );
      return;
    }
    if (entry.cases.has(name)) problems.push(`${where} repeats the case "${name}" of ${kata}`);
    entry.cases.set(name, points);
  });
  if (problems.length) throw new GradingTableError(source, problems);
  return table;
}

/**
 * The points of every case of a kata under a table.
 *
 * @param table The grading table.
 * @param kata The kata folder.
 * @param cases The kata's case names ({@linkcode caseKey} form), visible and hidden.
 * @returns Points per case name.
 *
 * @example
 * ```ts
 * import { casePoints, emptyTable } from "./grading_table.ts";
 * import { strictEqual } from "node:assert";
 * const points = casePoints(emptyTable(), "05_adam", ["a", "b", "c", "d"]);
 * strictEqual(points.get("a"), 2.5);
 * // 10 points over 3 cases: 3.34 + 3.33 + 3.33, exactly 10 in every export.
 * const thirds = casePoints(emptyTable(), "05_adam", ["a", "b", "c"]);
 * strictEqual([...thirds.values()].join(), "3.34,3.33,3.33");
 * ```
 */
export function casePoints(
  table: GradingTable,
  kata: string,
  cases: readonly string[],
): Map<string, number> {
  const entry = table.katas.get(kata);
  const own = entry?.cases ?? new Map<string, number>();
  const rest = cases.filter((c) => !own.has(c));
  const pool = entry?.pool ?? DEFAULT_KATA_POINTS;
  // Exact to the hundredth: the pool's hundredths are dealt out equally and the
  // remainder one by one to the first cases (largest remainder), so that the
  // shares, printed to 2 decimals in every export, add up to the pool exactly.
  const hundredths = Math.round(pool * 100);
  const base = rest.length ? Math.floor(hundredths / rest.length) : 0;
  const extra = rest.length ? hundredths - base * rest.length : 0;
  const share = new Map(rest.map((c, i) => [c, (base + (i < extra ? 1 : 0)) / 100]));
  return new Map(cases.map((c) => [c, own.get(c) ?? share.get(c)!]));
}

function csvCell(value: string): string {
  return /[",\n#]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The default grading table, written out so that an instructor can edit it:
 * one `*` row per kata, then every case as a commented row to un-comment.
 *
 * @param known Every kata folder with its cases (visible, then hidden).
 * @param hidden The hidden cases' names per kata, to label them.
 * @returns The CSV text.
 *
 * @example
 * ```ts
 * import { formatDefaultTable } from "./grading_table.ts";
 * import { ok } from "node:assert";
 * const text = formatDefaultTable(new Map([["05_adam", ["adam() a"]]]));
 * ok(text.includes("05_adam,*,10"));
 * ```
 */
export function formatDefaultTable(
  known: ReadonlyMap<string, readonly string[]>,
  hidden: ReadonlyMap<string, readonly string[]> = new Map(),
): string {
  const lines = [
    "# grad-dojo grading table. Each kata's cases share its `*` points equally, except",
    "# the cases given points of their own (un-comment a row and set its points).",
    "kata,case,points",
  ];
  for (const [kata, cases] of known) {
    lines.push(`${kata},*,${DEFAULT_KATA_POINTS}`);
    const share = cases.length ? DEFAULT_KATA_POINTS / cases.length : 0;
    const secret = hidden.get(kata) ?? [];
    for (
      const [title, names] of [
        ["visible", cases.filter((c) => !secret.includes(c))],
        ["hidden", cases.filter((c) => secret.includes(c))],
      ] as const
    ) {
      if (names.length) lines.push(`# ${kata}: ${title} cases`);
      for (const name of names) {
        lines.push(`# ${kata},${csvCell(name)},${Number(share.toFixed(3))}`);
      }
    }
  }
  return lines.join("\n") + "\n";
}
