/**
 * Writes `data/cars.csv` and `data/penguins.csv` from the JSON files that the
 * npm package vega-datasets@3.2.1 ships, after checking each file against the
 * hash the package's own `datapackage.json` records. Run it with
 * `deno task fetch-data`; it needs no network once the package is installed,
 * and writes the same bytes on every run.
 *
 * @module
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { stringify } from "csv-stringify/sync";
// Loading the package's entry point makes Deno resolve it, so that createRequire can
// find it below (its data files are not importable: its "exports" hide them).
import "vega-datasets";
import { ValueError } from "../core/errors.ts";

/** A cell of an output row: a value, or `null` for a missing one (an empty field). */
export type Cell = string | number | null;

/** One record of vega-datasets' `cars.json`. */
export interface VegaCar {
  /** Make and model, lower case. */
  Name: string;
  /** Fuel economy in miles per US gallon, or null. */
  Miles_per_Gallon: number | null;
  /** Number of cylinders. */
  Cylinders: number;
  /** Engine displacement in cubic inches. */
  Displacement: number;
  /** Engine power in horsepower, or null. */
  Horsepower: number | null;
  /** Weight in pounds. */
  Weight_in_lbs: number;
  /** Seconds from 0 to 60 mph. */
  Acceleration: number;
  /** Model year as an ISO date, e.g. "1970-01-01". */
  Year: string;
  /** Region of origin: USA, Europe or Japan. */
  Origin: string;
}

/** One record of vega-datasets' `penguins.json`. */
export interface VegaPenguin {
  /** Adelie, Chinstrap or Gentoo. */
  Species: string;
  /** Biscoe, Dream or Torgersen. */
  Island: string;
  /** Culmen (beak) length in millimetres, or null. */
  "Beak Length (mm)": number | null;
  /** Culmen (beak) depth in millimetres, or null. */
  "Beak Depth (mm)": number | null;
  /** Flipper length in millimetres, or null. */
  "Flipper Length (mm)": number | null;
  /** Body mass in grams, or null. */
  "Body Mass (g)": number | null;
  /** MALE, FEMALE, "." or null. */
  Sex: string | null;
}

/** The header of `data/cars.csv`, in order. */
export const CARS_COLUMNS: readonly string[] = [
  "name",
  "miles_per_gallon",
  "cylinders",
  "displacement",
  "horsepower",
  "weight_in_lbs",
  "acceleration",
  "year",
  "origin",
];

/** The header of `data/penguins.csv`, in order. */
export const PENGUINS_COLUMNS: readonly string[] = [
  "species",
  "island",
  "beak_length_mm",
  "beak_depth_mm",
  "flipper_length_mm",
  "body_mass_g",
  "sex",
];

/**
 * The four-digit year of an ISO date such as `"1970-01-01"`.
 *
 * @param date The date as vega-datasets writes it.
 * @returns The year as a number.
 * @throws {ValueError} When the text is not an ISO date.
 *
 * @example Cars keep only the model year
 * ```ts
 * import { yearOf } from "./fetch_datasets.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(yearOf("1970-01-01"), 1970);
 * ```
 */
export function yearOf(date: string): number {
  const match = /^(\d{4})-\d{2}-\d{2}$/.exec(date);
  if (match === null) {
    throw new ValueError(`Cannot read the model year: "${date}" is not a date like "1970-01-01"`);
  }
  return Number(match[1]);
}

/**
 * Writes rows as CSV text with a header, `\n` line ends, and an empty field for
 * every missing value.
 *
 * @param columns The header.
 * @param rows The rows, each as long as the header.
 * @returns The CSV text, ending in a newline.
 *
 * @example
 * ```ts
 * import { toCsv } from "./fetch_datasets.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(toCsv(["a", "b"], [[1.5, null], ["x,y", 2]]), 'a,b\n1.5,\n"x,y",2\n');
 * ```
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return stringify([[...columns], ...rows.map((row) => [...row])], { record_delimiter: "unix" });
}

/**
 * The cars records as `data/cars.csv`: snake_case columns, the model year as a
 * number, missing values empty, every row kept in the package's order.
 *
 * @param cars The records of vega-datasets' `cars.json`.
 * @returns The CSV text.
 *
 * @example
 * ```ts
 * import { carsToCsv } from "./fetch_datasets.ts";
 * import { strictEqual } from "node:assert";
 * const csv = carsToCsv([{
 *   Name: "ford pinto", Miles_per_Gallon: 25, Cylinders: 4, Displacement: 98, Horsepower: null,
 *   Weight_in_lbs: 2046, Acceleration: 19, Year: "1971-01-01", Origin: "USA",
 * }]);
 * strictEqual(csv.split("\n")[1], "ford pinto,25,4,98,,2046,19,1971,USA");
 * ```
 */
export function carsToCsv(cars: readonly VegaCar[]): string {
  const rows = cars.map((car): Cell[] => [
    car.Name,
    car.Miles_per_Gallon,
    car.Cylinders,
    car.Displacement,
    car.Horsepower,
    car.Weight_in_lbs,
    car.Acceleration,
    yearOf(car.Year),
    car.Origin,
  ]);
  return toCsv(CARS_COLUMNS, rows);
}

/**
 * The penguins records as `data/penguins.csv`: snake_case columns, missing
 * values empty, every row kept in the package's order. One record's sex is
 * `"."` in the source (the palmerpenguins raw data's placeholder); it is
 * written as missing, like the R package's `penguins` table does.
 *
 * @param penguins The records of vega-datasets' `penguins.json`.
 * @returns The CSV text.
 *
 * @example
 * ```ts
 * import { penguinsToCsv } from "./fetch_datasets.ts";
 * import { strictEqual } from "node:assert";
 * const csv = penguinsToCsv([{
 *   Species: "Gentoo", Island: "Biscoe", "Beak Length (mm)": 44.5, "Beak Depth (mm)": 15.7,
 *   "Flipper Length (mm)": 217, "Body Mass (g)": 4875, Sex: ".",
 * }]);
 * strictEqual(csv.split("\n")[1], "Gentoo,Biscoe,44.5,15.7,217,4875,");
 * ```
 */
export function penguinsToCsv(penguins: readonly VegaPenguin[]): string {
  const rows = penguins.map((penguin): Cell[] => [
    penguin.Species,
    penguin.Island,
    penguin["Beak Length (mm)"],
    penguin["Beak Depth (mm)"],
    penguin["Flipper Length (mm)"],
    penguin["Body Mass (g)"],
    penguin.Sex === "." ? null : penguin.Sex,
  ]);
  return toCsv(PENGUINS_COLUMNS, rows);
}

/** Where the package's `data/` folder and `datapackage.json` are on this machine. */
function packageRoot(): URL {
  // Step up from the entry point, build/index.js, to the package root.
  const entry = createRequire(import.meta.url).resolve("vega-datasets");
  return new URL("../", pathToFileURL(entry));
}

/** Git's blob hash, which datapackage.json records: SHA-1 of "blob <size>\0" + the bytes. */
async function gitBlobSha1(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const header = new TextEncoder().encode(`blob ${bytes.length}\0`);
  const blob = new Uint8Array(header.length + bytes.length);
  blob.set(header);
  blob.set(bytes, header.length);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", blob));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Reads one data file of the package, checked against datapackage.json's hash. */
async function readPackageJson(root: URL, file: string): Promise<unknown> {
  const catalog = JSON.parse(await Deno.readTextFile(new URL("datapackage.json", root))) as {
    resources: { path: string; hash?: string }[];
  };
  const resource = catalog.resources.find((r) => r.path === file);
  const bytes = await Deno.readFile(new URL(`data/${file}`, root));
  const actual = `sha1:${await gitBlobSha1(bytes)}`;
  if (resource?.hash !== actual) {
    throw new ValueError(
      `Cannot convert "${file}": its hash is ${actual}, datapackage.json records ${resource?.hash}`,
    );
  }
  return JSON.parse(new TextDecoder().decode(bytes));
}

if (import.meta.main) {
  const root = packageRoot();
  const cars = await readPackageJson(root, "cars.json") as VegaCar[];
  const penguins = await readPackageJson(root, "penguins.json") as VegaPenguin[];
  const outputs: [string, string][] = [
    ["cars.csv", carsToCsv(cars)],
    ["penguins.csv", penguinsToCsv(penguins)],
  ];
  for (const [file, csv] of outputs) {
    await Deno.writeTextFile(new URL(`../../data/${file}`, import.meta.url), csv);
    console.log(`wrote data/${file}: ${csv.split("\n").length - 2} rows`);
  }
}
