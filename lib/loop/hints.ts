/**
 * Reads a kata's `hints.md`: exactly three tiers, `## Hint 1 — concept`,
 * `## Hint 2 — formula`, `## Hint 3 — pseudocode`, served one at a time.
 *
 * @module
 */
import { ValueError } from "../core/errors.ts";

/** One tier of hints. */
export interface Hint {
  /** 1, 2 or 3. */
  tier: number;
  /** "concept", "formula" or "pseudocode". */
  title: string;
  /** The hint's text, trimmed. */
  body: string;
}

/** The tiers in order, as `hints.md` must name them. */
export const HINT_TITLES = ["concept", "formula", "pseudocode"] as const;

/**
 * Splits `hints.md` into its three tiers.
 *
 * @param markdown The file's text.
 * @param path The file's path, for error messages.
 * @returns Three hints, tier 1 first.
 * @throws {ValueError} When a tier is missing, out of order or empty.
 *
 * @example
 * ```ts
 * import { parseHints } from "./hints.ts";
 * import { strictEqual } from "node:assert";
 * const hints = parseHints("# Hints\n## Hint 1 — concept\nA\n## Hint 2 — formula\nB\n## Hint 3 — pseudocode\nC\n");
 * strictEqual(hints[1].body, "B");
 * strictEqual(hints[2].title, "pseudocode");
 * ```
 */
export function parseHints(markdown: string, path = "hints.md"): Hint[] {
  const sections = markdown.replace(/\r\n/g, "\n").split(/^## /m).slice(1);
  const hints: Hint[] = [];
  for (const section of sections) {
    const newline = section.indexOf("\n");
    const heading = (newline < 0 ? section : section.slice(0, newline)).trim();
    const body = newline < 0 ? "" : section.slice(newline + 1).trim();
    const match = /^Hint (\d+)\s*[—–-]+\s*(.+)$/.exec(heading);
    if (!match) continue;
    hints.push({ tier: Number(match[1]), title: match[2].trim().toLowerCase(), body });
  }
  HINT_TITLES.forEach((title, index) => {
    const hint = hints[index];
    if (!hint || hint.tier !== index + 1 || hint.title !== title) {
      throw new ValueError(
        `Cannot read hints from ${path}: section ${index + 1} should be "## Hint ${
          index + 1
        } — ${title}"`,
      );
    }
    if (!hint.body) {
      throw new ValueError(
        `Cannot read hints from ${path}: "Hint ${index + 1} — ${title}" is empty`,
      );
    }
  });
  if (hints.length !== HINT_TITLES.length) {
    throw new ValueError(
      `Cannot read hints from ${path}: it has ${hints.length} hint sections, not 3`,
    );
  }
  return hints;
}

/**
 * Reads and parses a kata's hints file.
 *
 * @param root The repository root.
 * @param path The hints file relative to the root, e.g. "katas/05_adam/hints.md".
 * @returns The three tiers.
 * @throws {ValueError} When the file is missing or malformed.
 *
 * @example
 * ```ts ignore
 * import { loadHints } from "./hints.ts";
 * const hints = await loadHints(Deno.cwd(), "katas/05_adam/hints.md");
 * console.log(hints[0].body);
 * ```
 */
export async function loadHints(root: string, path: string): Promise<Hint[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(`${root}/${path}`);
  } catch {
    throw new ValueError(`Cannot read hints: ${path} is missing`);
  }
  return parseHints(text, path);
}
