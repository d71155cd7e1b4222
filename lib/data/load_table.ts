/**
 * Loading a CSV table into tensors: numeric feature columns into a matrix `X`,
 * a numeric target into `y`, a categorical column into int32 `labels`, and
 * standardizing the features column by column.
 *
 * @module
 */
import { parse } from "csv-parse/sync";
import { tensor } from "../tensor/creation.ts";
import { BackendError, formatShape, ShapeError, ValueError } from "../core/errors.ts";
import type { Tensor } from "../tensor/tensor.ts";

/** Which columns of a CSV to load, and how. */
export interface LoadTableOptions {
  /** Numeric columns, in this order, for the columns of `X` (shape `[n, features.length]`). */
  features: string[];
  /** A numeric column for `y` (shape `[n]`), for regression. */
  target?: string;
  /** A categorical column for `labels` (int32, shape `[n]`) and `classes`. */
  label?: string;
  /**
   * Skip the rows where a loaded column (a feature, the target or the label) is
   * empty; when false (the default) an empty field is an error.
   */
  dropMissing?: boolean;
  /** The dtype of `X` and `y`: float32 (the default) or float64 (CPU only). */
  dtype?: "float32" | "float64";
}

/** The loaded table. */
export interface Table {
  /** The features, shape `[n, features.length]`. */
  X: Tensor;
  /** The target, shape `[n]`, when `target` was given. */
  y?: Tensor;
  /** Class indices into `classes` (int32, shape `[n]`), when `label` was given. */
  labels?: Tensor;
  /** The label column's distinct values, sorted, when `label` was given. */
  classes?: string[];
  /** The 1-based data row numbers kept (row 1 is the first line after the header). */
  rows: number[];
  /** How many data rows `dropMissing` skipped. */
  dropped: number;
}

// A decimal number as CSV files write it: optional sign, digits with an optional
// point, optional exponent. Stricter than Number(), which also takes "0x1F", "Infinity".
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseCsv(csvText: string): string[][] {
  try {
    // Empty lines are kept: in a one-column table an empty line is a missing value.
    return parse(csvText, { bom: true, relax_column_count: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ValueError(`Cannot parse the CSV: ${reason}`);
  }
}

function columnIndex(header: string[], name: string): number {
  const index = header.indexOf(name);
  if (index < 0) {
    throw new ValueError(
      `Cannot load column "${name}": the CSV has no such column (columns: ${header.join(", ")})`,
    );
  }
  if (header.indexOf(name, index + 1) >= 0) {
    throw new ValueError(
      `Cannot load column "${name}": the CSV has two columns of that name (columns ${
        index + 1
      } and ${header.indexOf(name, index + 1) + 1})`,
    );
  }
  return index;
}

/**
 * Loads numeric features (and optionally a numeric target or a categorical
 * label) from CSV text whose first line is the header. Pass the text of a
 * `data/*.csv` file read with `import text from "../../data/cars.csv" with
 * { type: "text" }`, which needs no permission. Fields are compared as written
 * (no trimming of names); a field that is empty or only spaces is missing.
 *
 * @param csvText The CSV text, header first.
 * @param options The feature columns, the target or label column, `dropMissing`, `dtype`.
 * @returns `X`, `y` and `labels`/`classes` where asked for, the data row numbers
 * kept and the count dropped. Tensors go to the default backend.
 * @throws {ValueError} For an empty feature list, a column the CSV lacks, an empty
 * field in a loaded column (unless `dropMissing`), a field of a numeric column
 * that is not a number, a row with the wrong number of fields, text that is not
 * CSV, a number beyond the dtype's range, or a table with no rows left.
 *
 * @example Car weight and horsepower against fuel economy
 * ```ts
 * import { loadTable } from "./load_table.ts";
 * import { deepStrictEqual } from "node:assert";
 * const csv = "name,mpg,hp,weight\nford pinto,25,,2046\namc gremlin,21,90,2648\n";
 * const table = loadTable(csv, {
 *   features: ["hp", "weight"], target: "mpg", dropMissing: true,
 * });
 * deepStrictEqual(table.X.shape, [1, 2]);
 * deepStrictEqual(await table.X.array(), [[90, 2648]]);
 * deepStrictEqual(await table.y!.array(), [21]);
 * deepStrictEqual([table.rows, table.dropped], [[2], 1]);
 * ```
 *
 * @example A categorical label becomes class indices
 * ```ts
 * import { loadTable } from "./load_table.ts";
 * import { deepStrictEqual } from "node:assert";
 * const csv = "species,mass\nGentoo,5000\nAdelie,3700\nGentoo,5200\n";
 * const table = loadTable(csv, { features: ["mass"], label: "species" });
 * deepStrictEqual(table.classes, ["Adelie", "Gentoo"]);
 * deepStrictEqual(await table.labels!.array(), [1, 0, 1]);
 * ```
 */
export function loadTable(csvText: string, options: LoadTableOptions): Table {
  const { features, target, label, dropMissing = false, dtype = "float32" } = options;
  if (features.length === 0) {
    throw new ValueError("Cannot load table: features is empty (name at least one numeric column)");
  }
  const records = parseCsv(csvText);
  if (records.length === 0) {
    throw new ValueError("Cannot load table: the CSV is empty (it has no header row)");
  }
  const [header, ...body] = records;
  // Blank lines at the end cannot be rows of a wider table: an editor left them.
  const isBlank = (record: string[]) => record.length === 1 && record[0] === "";
  while (header.length > 1 && body.length > 0 && isBlank(body[body.length - 1])) body.pop();
  for (let r = 0; r < body.length; r++) {
    if (body[r].length !== header.length) {
      throw new ValueError(
        `Cannot load table: row ${r + 1} has ${
          body[r].length
        } fields, the header has ${header.length}`,
      );
    }
  }
  if (body.length === 0) {
    throw new ValueError("Cannot load table: the CSV has a header but no data rows");
  }
  const numericNames = target === undefined ? features : [...features, target];
  const numericColumns = numericNames.map((name) => columnIndex(header, name));
  const labelColumn = label === undefined ? undefined : columnIndex(header, label);

  const readNumber = (name: string, text: string, row: number): number => {
    if (!NUMBER.test(text)) {
      throw new ValueError(
        `Cannot load column "${name}": it is not numeric (row ${row} holds "${text}")`,
      );
    }
    const value = Number(text);
    if (!Number.isFinite(dtype === "float32" ? Math.fround(value) : value)) {
      throw new ValueError(
        `Cannot load column "${name}": row ${row} holds ${text}, beyond the ${dtype} range`,
      );
    }
    return value;
  };
  const missingValue = (name: string, row: number) =>
    new ValueError(
      `Cannot load column "${name}": row ${row} is empty ` +
        "(pass dropMissing: true to skip rows with missing values)",
    );

  // One pass in reading order, so the first problem in the file is the one reported.
  // A row with an empty loaded field is skipped under dropMissing; text in a numeric
  // column is an error even in a skipped row, since it is a mistake, not a gap.
  const rows: number[] = [];
  const numbers: number[] = []; // the kept rows' numeric fields, row by row
  const names: string[] = []; // the kept rows' labels
  const values = new Array<number>(numericNames.length);
  for (let r = 0; r < body.length; r++) {
    const row = r + 1;
    let missing = false;
    numericNames.forEach((name, k) => {
      const text = body[r][numericColumns[k]].trim();
      if (text === "") {
        if (!dropMissing) throw missingValue(name, row);
        missing = true;
      } else {
        values[k] = readNumber(name, text, row);
      }
    });
    const labelText = labelColumn === undefined ? "" : body[r][labelColumn].trim();
    if (label !== undefined && labelText === "") {
      if (!dropMissing) throw missingValue(label, row);
      missing = true;
    }
    if (missing) continue;
    rows.push(row);
    numbers.push(...values);
    if (label !== undefined) names.push(labelText);
  }
  if (rows.length === 0) {
    throw new ValueError(
      `Cannot load table: no rows are left (each of the ${body.length} data rows has a missing value)`,
    );
  }

  const n = rows.length;
  const width = features.length;
  const stride = numericNames.length;
  const x = dtype === "float64" ? new Float64Array(n * width) : new Float32Array(n * width);
  const yValues = dtype === "float64" ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < width; j++) x[i * width + j] = numbers[i * stride + j];
    if (target !== undefined) yValues[i] = numbers[i * stride + width];
  }
  const table: Table = {
    X: tensor(x, { shape: [n, width], dtype }),
    rows,
    dropped: body.length - n,
  };
  if (target !== undefined) table.y = tensor(yValues, { shape: [n], dtype });
  if (label !== undefined) {
    // Code-unit order: alphabetical for ASCII names, and the same on every machine.
    const classes = [...new Set(names)].sort();
    const indexOf = new Map(classes.map((name, k) => [name, k]));
    table.labels = tensor(Int32Array.from(names, (name) => indexOf.get(name)!), {
      shape: [n],
      dtype: "int32",
    });
    table.classes = classes;
  }
  return table;
}

/**
 * Standardizes each column of a matrix: subtracts the column's mean and divides
 * by its population standard deviation (dividing by n, not n − 1), so that every
 * column has mean 0 and standard deviation 1.
 *
 * @param X The matrix, shape `[n, columns]`, a float dtype.
 * @returns The standardized matrix and the `mean` and `std` (shape `[columns]`)
 * that were used, to apply the same transformation to new rows.
 * @throws {ShapeError} When `X` is not 2-D or has no rows.
 * @throws {ValueError} When a column is constant (its std is 0, so nothing can be
 * divided by it). The check reads `X` synchronously, so it runs where the values
 * are on the CPU; on WebGPU a constant column comes out as NaN instead.
 *
 * @example
 * ```ts
 * import { standardize } from "./load_table.ts";
 * import { tensor } from "../tensor/creation.ts";
 * import { deepStrictEqual } from "node:assert";
 * const { X, mean, std } = standardize(tensor([[1, 10], [3, 30]]));
 * deepStrictEqual(await mean.array(), [2, 20]);
 * deepStrictEqual(await std.array(), [1, 10]);
 * deepStrictEqual(await X.array(), [[-1, -1], [1, 1]]);
 * ```
 */
export function standardize(X: Tensor): { X: Tensor; mean: Tensor; std: Tensor } {
  if (X.rank !== 2) {
    throw new ShapeError(
      `Cannot standardize: X has shape ${formatShape(X.shape)}, expected [rows, columns]`,
    );
  }
  if (X.shape[0] === 0) {
    throw new ShapeError(`Cannot standardize: X has shape ${formatShape(X.shape)}, with no rows`);
  }
  const constant = constantColumn(X);
  if (constant !== undefined) {
    throw new ValueError(
      `Cannot standardize: column ${constant.column} is constant (every value is ${constant.value}), so its std is 0`,
    );
  }
  const mean = X.mean(0);
  const centered = X.sub(mean);
  const std = centered.square().mean(0).sqrt();
  return { X: centered.div(std), mean, std };
}

/** The first constant column (0-based) where X can be read synchronously. */
function constantColumn(X: Tensor): { column: number; value: number } | undefined {
  let values: ArrayLike<number>;
  try {
    values = X.dataSync();
  } catch (error) {
    if (error instanceof BackendError) return undefined;
    throw error;
  }
  const [n, width] = X.shape;
  for (let j = 0; j < width; j++) {
    const first = values[j];
    let same = true;
    for (let i = 1; i < n && same; i++) same = values[i * width + j] === first;
    if (same) return { column: j, value: first };
  }
  return undefined;
}
