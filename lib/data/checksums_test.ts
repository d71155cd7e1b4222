/**
 * Every CSV in data/ matches the SHA-256 written in data/README.md, the one
 * place the checksums live. Reads everything through text imports: no permissions.
 */
import { deepStrictEqual, match, strictEqual } from "node:assert";
import readme from "../../data/README.md" with { type: "text" };
import carsCsv from "../../data/cars.csv" with { type: "text" };
import penguinsCsv from "../../data/penguins.csv" with { type: "text" };

const FILES: Record<string, string> = { "cars.csv": carsCsv, "penguins.csv": penguinsCsv };

/** The `<sha256>  <file>` lines of data/README.md, as `sha256sum -c` reads them. */
function checksumsInReadme(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const [, hash, file] of text.matchAll(/^([0-9a-f]{64}) {2}(\S+\.csv)\r?$/gm)) {
    sums.set(file, hash);
  }
  return sums;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("data/README.md lists a SHA-256 for cars.csv and penguins.csv, and no other file", () => {
  deepStrictEqual([...checksumsInReadme(readme).keys()].sort(), Object.keys(FILES).sort());
});

for (const [file, text] of Object.entries(FILES)) {
  Deno.test(`data/${file} matches its SHA-256 in data/README.md`, async () => {
    const expected = checksumsInReadme(readme).get(file);
    match(expected ?? "", /^[0-9a-f]{64}$/, `data/README.md has no checksum line for ${file}`);
    strictEqual(
      await sha256(text),
      expected,
      `data/${file} differs from the file data/README.md describes: regenerate it with ` +
        "`deno task fetch-data`, or, if the change is meant, update the checksum",
    );
  });
}
