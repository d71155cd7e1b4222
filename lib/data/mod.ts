/**
 * Data sets as tensors: load numeric features, a target or class labels from
 * the CSV files in `data/`, and standardize the features. Read a CSV with a text
 * import, which needs no permission.
 *
 * @example Penguins' flipper length and body mass, by species
 * ```ts
 * import { loadTable, standardize } from "./mod.ts";
 * import { deepStrictEqual } from "node:assert";
 * const csv = "species,flipper_length_mm,body_mass_g\nAdelie,181,3750\nGentoo,217,4875\n";
 * const table = loadTable(csv, {
 *   features: ["flipper_length_mm", "body_mass_g"],
 *   label: "species",
 * });
 * deepStrictEqual(table.classes, ["Adelie", "Gentoo"]);
 * deepStrictEqual(await standardize(table.X).X.array(), [[-1, -1], [1, 1]]);
 * ```
 *
 * @module
 */
export * from "./load_table.ts";
