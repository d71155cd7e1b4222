import { deepStrictEqual, ok, strictEqual, throws } from "node:assert";
import fc from "fast-check";
import { stringify } from "csv-stringify/sync";
import carsCsv from "../../data/cars.csv" with { type: "text" };
import penguinsCsv from "../../data/penguins.csv" with { type: "text" };
import { ShapeError, tensor, ValueError } from "../tensor/mod.ts";
import { assertAllClose } from "../testing/mod.ts";
import { loadTable, standardize } from "./mod.ts";

const CARS_COLUMNS =
  "name, miles_per_gallon, cylinders, displacement, horsepower, weight_in_lbs, acceleration, " +
  "year, origin";
const MEASUREMENTS = ["beak_length_mm", "beak_depth_mm", "flipper_length_mm", "body_mass_g"];

/** Asserts that `fn` throws exactly this error class with exactly this message. */
function throwsExactly(
  fn: () => unknown,
  errorClass: new (message: string) => Error,
  message: string,
): void {
  throws(fn, (error: unknown) => {
    ok(error instanceof errorClass, `expected a ${errorClass.name}, got ${error}`);
    strictEqual(error.message, message);
    return true;
  });
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

// ---- cars.csv ----------------------------------------------------------------

Deno.test("loadTable() loads all 406 cars from columns that have no missing values", async () => {
  const features = ["cylinders", "displacement", "weight_in_lbs", "acceleration", "year"];
  const table = loadTable(carsCsv, { features });
  deepStrictEqual(table.X.shape, [406, 5]);
  strictEqual(table.X.dtype, "float32");
  deepStrictEqual([table.rows, table.dropped], [range(1, 406), 0]);
  strictEqual(table.y, undefined);
  strictEqual(table.labels, undefined);
  // Row 1: chevrolet chevelle malibu,18,8,307,130,3504,12,1970,USA
  const X = (await table.X.array()) as number[][];
  deepStrictEqual(X[0], [8, 307, 3504, 12, 1970]);
  // Row 406: chevy s-10,31,4,119,82,2720,19.4,1982,USA (19.4 rounded to float32)
  deepStrictEqual(X[405], [4, 119, 2720, Math.fround(19.4), 1982]);
});

Deno.test("loadTable() loads a target column as y, the first car's mpg being 18", async () => {
  const table = loadTable(carsCsv, {
    features: ["horsepower", "weight_in_lbs"],
    target: "miles_per_gallon",
    dropMissing: true,
  });
  deepStrictEqual(await table.X.slice([0, 0], [1, 2]).array(), [[130, 3504]]);
  strictEqual((await table.y!.array() as number[])[0], 18);
});

Deno.test("loadTable() with dropMissing keeps the 392 cars that have both horsepower and mpg", () => {
  const table = loadTable(carsCsv, {
    features: ["horsepower", "weight_in_lbs"],
    target: "miles_per_gallon",
    dropMissing: true,
  });
  deepStrictEqual(table.X.shape, [392, 2]);
  deepStrictEqual(table.y!.shape, [392]);
  strictEqual(table.dropped, 14);
  const missing = [11, 12, 13, 14, 15, 18, 39, 40, 134, 338, 344, 362, 368, 383];
  deepStrictEqual(table.rows, range(1, 406).filter((row) => !missing.includes(row)));
});

Deno.test("loadTable() with dropMissing drops only rows missing a loaded column", () => {
  const horsepower = loadTable(carsCsv, { features: ["horsepower"], dropMissing: true });
  deepStrictEqual([horsepower.X.shape, horsepower.dropped], [[400, 1], 6]);
  const mpg = loadTable(carsCsv, { features: ["miles_per_gallon"], dropMissing: true });
  deepStrictEqual([mpg.X.shape, mpg.dropped], [[398, 1], 8]);
});

Deno.test("loadTable() refuses an empty field and names the column, the row and the fix", () => {
  throwsExactly(
    () => loadTable(carsCsv, { features: ["horsepower", "weight_in_lbs"] }),
    ValueError,
    'Cannot load column "horsepower": row 39 is empty ' +
      "(pass dropMissing: true to skip rows with missing values)",
  );
  throwsExactly(
    () => loadTable(carsCsv, { features: ["horsepower"], target: "miles_per_gallon" }),
    ValueError,
    'Cannot load column "miles_per_gallon": row 11 is empty ' +
      "(pass dropMissing: true to skip rows with missing values)",
  );
});

Deno.test("loadTable() refuses a column the CSV lacks and lists the columns it has", () => {
  throwsExactly(
    () => loadTable(carsCsv, { features: ["hp"] }),
    ValueError,
    `Cannot load column "hp": the CSV has no such column (columns: ${CARS_COLUMNS})`,
  );
  throwsExactly(
    () => loadTable(carsCsv, { features: ["horsepower"], target: "mpg" }),
    ValueError,
    `Cannot load column "mpg": the CSV has no such column (columns: ${CARS_COLUMNS})`,
  );
  throwsExactly(
    () => loadTable(carsCsv, { features: ["horsepower"], label: "make" }),
    ValueError,
    `Cannot load column "make": the CSV has no such column (columns: ${CARS_COLUMNS})`,
  );
});

Deno.test("loadTable() refuses an empty feature list", () => {
  throwsExactly(
    () => loadTable(carsCsv, { features: [], target: "miles_per_gallon" }),
    ValueError,
    "Cannot load table: features is empty (name at least one numeric column)",
  );
});

Deno.test("loadTable() refuses a text column as a feature or target and quotes the text", () => {
  throwsExactly(
    () => loadTable(carsCsv, { features: ["weight_in_lbs"], target: "origin" }),
    ValueError,
    'Cannot load column "origin": it is not numeric (row 1 holds "USA")',
  );
  // Reported in reading order: row 1's text before row 39's empty horsepower.
  throwsExactly(
    () => loadTable(carsCsv, { features: ["horsepower", "name"] }),
    ValueError,
    'Cannot load column "name": it is not numeric (row 1 holds "chevrolet chevelle malibu")',
  );
  // Text is a mistake, not a gap: dropMissing does not skip it.
  throwsExactly(
    () => loadTable("a,b\n1,2\nx,\n", { features: ["a", "b"], dropMissing: true }),
    ValueError,
    'Cannot load column "a": it is not numeric (row 2 holds "x")',
  );
});

// ---- penguins.csv ------------------------------------------------------------

Deno.test("loadTable() loads the first penguin's measurements, as float32 and as float64", async () => {
  const float32 = loadTable(penguinsCsv, { features: MEASUREMENTS, dropMissing: true });
  const first32 = ((await float32.X.array()) as number[][])[0];
  deepStrictEqual(first32, [Math.fround(39.1), Math.fround(18.7), 181, 3750]);
  const float64 = loadTable(penguinsCsv, {
    features: MEASUREMENTS,
    dropMissing: true,
    dtype: "float64",
  });
  strictEqual(float64.X.dtype, "float64");
  deepStrictEqual(((await float64.X.array()) as number[][])[0], [39.1, 18.7, 181, 3750]);
});

Deno.test("loadTable() keeps 342 of 344 penguins with dropMissing, dropping rows 4 and 340", () => {
  const table = loadTable(penguinsCsv, { features: MEASUREMENTS, dropMissing: true });
  deepStrictEqual(table.X.shape, [342, 4]);
  strictEqual(table.dropped, 2);
  deepStrictEqual(table.rows, range(1, 344).filter((row) => row !== 4 && row !== 340));
});

Deno.test("loadTable() refuses a missing measurement or label unless dropMissing", () => {
  throwsExactly(
    () => loadTable(penguinsCsv, { features: MEASUREMENTS }),
    ValueError,
    'Cannot load column "beak_length_mm": row 4 is empty ' +
      "(pass dropMissing: true to skip rows with missing values)",
  );
  throwsExactly(
    () => loadTable("species,mass\nAdelie,3700\n,5000\n", { features: ["mass"], label: "species" }),
    ValueError,
    'Cannot load column "species": row 2 is empty ' +
      "(pass dropMissing: true to skip rows with missing values)",
  );
});

Deno.test("loadTable() turns species into 3 sorted classes and int32 labels", async () => {
  const table = loadTable(penguinsCsv, {
    features: MEASUREMENTS,
    label: "species",
    dropMissing: true,
  });
  deepStrictEqual(table.classes, ["Adelie", "Chinstrap", "Gentoo"]);
  deepStrictEqual(table.labels!.shape, [342]);
  strictEqual(table.labels!.dtype, "int32");
  const labels = (await table.labels!.array()) as number[];
  strictEqual(labels[0], 0);
  const counts = [0, 0, 0];
  for (const k of labels) counts[k]++;
  deepStrictEqual(counts, [151, 68, 123]);
});

Deno.test("loadTable() with a sex label and dropMissing keeps the 333 complete penguins", async () => {
  const table = loadTable(penguinsCsv, { features: MEASUREMENTS, label: "sex", dropMissing: true });
  deepStrictEqual([table.X.shape, table.dropped], [[333, 4], 11]);
  deepStrictEqual(table.classes, ["FEMALE", "MALE"]);
  deepStrictEqual(((await table.labels!.array()) as number[]).slice(0, 3), [1, 0, 0]);
});

Deno.test("loadTable() refuses the species column as a feature, quoting row 1", () => {
  throwsExactly(
    () => loadTable(penguinsCsv, { features: ["species"] }),
    ValueError,
    'Cannot load column "species": it is not numeric (row 1 holds "Adelie")',
  );
});

// ---- malformed CSV text ------------------------------------------------------

Deno.test("loadTable() refuses CSV text that is empty, header-only, ragged or unparseable", () => {
  throwsExactly(
    () => loadTable("", { features: ["a"] }),
    ValueError,
    "Cannot load table: the CSV is empty (it has no header row)",
  );
  throwsExactly(
    () => loadTable("a,b\n", { features: ["a"] }),
    ValueError,
    "Cannot load table: the CSV has a header but no data rows",
  );
  throwsExactly(
    () => loadTable("a,b\n1,2\n3\n", { features: ["a"] }),
    ValueError,
    "Cannot load table: row 2 has 1 fields, the header has 2",
  );
  throws(
    () => loadTable('a,b\n1,"2\n', { features: ["a"] }),
    (error: unknown) =>
      error instanceof ValueError && /^Cannot parse the CSV: /.test(error.message),
  );
  throwsExactly(
    () => loadTable("a,a\n1,2\n", { features: ["a"] }),
    ValueError,
    'Cannot load column "a": the CSV has two columns of that name (columns 1 and 2)',
  );
});

Deno.test("loadTable() refuses values that are not plain decimal numbers or overflow the dtype", () => {
  for (const text of ["0x1F", "Infinity", "NaN", "1,5", "12 kg"]) {
    throwsExactly(
      () => loadTable(stringify([["a"], ["1"], [text]]), { features: ["a"] }),
      ValueError,
      `Cannot load column "a": it is not numeric (row 2 holds "${text}")`,
    );
  }
  throwsExactly(
    () => loadTable("a\n1e39\n", { features: ["a"] }),
    ValueError,
    'Cannot load column "a": row 1 holds 1e39, beyond the float32 range',
  );
  strictEqual(loadTable("a\n1e39\n", { features: ["a"], dtype: "float64" }).X.dataSync()[0], 1e39);
});

Deno.test("loadTable() reads an empty line of a one-column table as a missing value", () => {
  const table = loadTable("a\n1\n\n3\n\n", { features: ["a"], dropMissing: true });
  deepStrictEqual([table.rows, table.dropped], [[1, 3], 2]);
  deepStrictEqual(Array.from(table.X.dataSync()), [1, 3]);
});

Deno.test("loadTable() ignores blank lines at the end of a wider table, not in its middle", () => {
  deepStrictEqual(loadTable("a,b\n1,2\n\n\n", { features: ["a"] }).rows, [1]);
  throwsExactly(
    () => loadTable("a,b\n1,2\n\n3,4\n", { features: ["a"] }),
    ValueError,
    "Cannot load table: row 2 has 1 fields, the header has 2",
  );
});

Deno.test("loadTable() drops every row when each misses a value, and says so", () => {
  throwsExactly(
    () => loadTable("a,b\n1,\n,2\n", { features: ["a", "b"], dropMissing: true }),
    ValueError,
    "Cannot load table: no rows are left (each of the 2 data rows has a missing value)",
  );
});

// ---- standardize() -----------------------------------------------------------

Deno.test("standardize() gives every penguin measurement mean 0 and population std 1", async () => {
  const { X } = loadTable(penguinsCsv, { features: MEASUREMENTS, dropMissing: true });
  const standardized = standardize(X);
  await assertAllClose(standardized.X.mean(0), [0, 0, 0, 0], { where: "column means" });
  await assertAllClose(standardized.X.square().mean(0).sqrt(), [1, 1, 1, 1], {
    where: "column population stds",
  });
  // Worked out from the CSV in float64 (mean, and std dividing by n = 342).
  await assertAllClose(standardized.mean, [43.9219298, 17.1511696, 200.9152047, 4201.7543860], {
    where: "mean",
  });
  await assertAllClose(standardized.std, [5.4515960, 1.9719039, 14.0411406, 800.7812292], {
    where: "std",
  });
});

Deno.test("standardize() divides by n, not n - 1", async () => {
  // Column [0, 2]: mean 1, population std 1 (sample std would be √2).
  const { X, std } = standardize(tensor([[0], [2]]));
  deepStrictEqual(await std.array(), [1]);
  deepStrictEqual(await X.array(), [[-1], [1]]);
});

Deno.test("standardize() refuses a constant column and a matrix that is not 2-D", () => {
  throwsExactly(
    () => standardize(tensor([[1, 3], [2, 3], [5, 3]])),
    ValueError,
    "Cannot standardize: column 1 is constant (every value is 3), so its std is 0",
  );
  throwsExactly(
    () => standardize(tensor([1, 2, 3])),
    ShapeError,
    "Cannot standardize: X has shape [3], expected [rows, columns]",
  );
});

// ---- properties --------------------------------------------------------------

const numericTable = <T>(value: fc.Arbitrary<T>) =>
  fc.integer({ min: 1, max: 5 }).chain((width) =>
    fc.array(fc.array(value, { minLength: width, maxLength: width }), {
      minLength: 1,
      maxLength: 20,
    })
  );
const header = (width: number) => Array.from({ length: width }, (_, j) => `c${j}`);

Deno.test("loadTable() round-trips any finite float64 table written by csv-stringify", () => {
  fc.assert(
    fc.property(numericTable(fc.double({ noNaN: true, noDefaultInfinity: true })), (values) => {
      const columns = header(values[0].length);
      const table = loadTable(stringify([columns, ...values]), {
        features: columns,
        dtype: "float64",
      });
      deepStrictEqual(table.X.shape, [values.length, columns.length]);
      // String(-0) is "0", so compare with ===, which treats -0 and 0 as equal.
      const loaded = table.X.dataSync();
      values.flat().forEach((v, i) =>
        ok(loaded[i] === v, `entry ${i}: wrote ${v}, read ${loaded[i]}`)
      );
    }),
  );
});

Deno.test("loadTable() round-trips float32 values, a target and text labels", () => {
  const label = fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() === s && s !== "");
  const rows = fc.array(
    fc.tuple(
      fc.float({ noNaN: true, noDefaultInfinity: true }),
      fc.float({ noNaN: true, noDefaultInfinity: true }),
      label,
    ),
    { minLength: 1, maxLength: 20 },
  );
  fc.assert(
    fc.property(rows, (records) => {
      const table = loadTable(stringify([["x", "y", "label"], ...records]), {
        features: ["x"],
        target: "y",
        label: "label",
      });
      const classes = [...new Set(records.map((r) => r[2]))].sort();
      deepStrictEqual(table.classes, classes);
      const x = table.X.dataSync();
      const y = table.y!.dataSync();
      const labels = table.labels!.dataSync();
      records.forEach(([xv, yv, name], i) => {
        ok(x[i] === xv && y[i] === yv, `row ${i + 1}: wrote ${xv}, ${yv}; read ${x[i]}, ${y[i]}`);
        strictEqual(classes[labels[i]], name);
      });
    }),
  );
});

Deno.test("loadTable() with dropMissing keeps exactly the rows with no empty field", () => {
  const cell = fc.option(fc.integer({ min: -1000, max: 1000 }), { freq: 4, nil: null });
  fc.assert(
    fc.property(numericTable(cell), (values) => {
      const complete = values.flatMap((row, r) => row.every((v) => v !== null) ? [r + 1] : []);
      fc.pre(complete.length > 0);
      const columns = header(values[0].length);
      const table = loadTable(stringify([columns, ...values]), {
        features: columns,
        dropMissing: true,
      });
      deepStrictEqual([table.rows, table.dropped], [complete, values.length - complete.length]);
      const expected = complete.flatMap((row) => values[row - 1]);
      deepStrictEqual(Array.from(table.X.dataSync()), expected);
    }),
  );
});
