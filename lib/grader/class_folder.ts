/**
 * Reading a class folder: one sub-folder per student, named after the student.
 *
 * @module
 */
import { entryKind } from "./files.ts";
import type { SubmissionInput } from "./grade.ts";
import { folderName } from "./formats/outputs.ts";

/** The submissions of a class folder, and what looked wrong. */
export interface ClassFolder {
  /** One per student folder, in name order. */
  submissions: SubmissionInput[];
  /** Entries left out, names that clash. */
  warnings: string[];
}

/** A class folder that cannot be graded. */
export class ClassFolderError extends Error {
  /**
   * Makes the error.
   *
   * @param message "Cannot grade the class: …".
   */
  constructor(message: string) {
    super(message);
    this.name = "ClassFolderError";
  }
}

/**
 * Lists a class folder's submissions. Two names that would share an output
 * folder (same letters ignoring case, or the same once unsafe characters are
 * replaced) are both graded; the second is renamed "name (2)" with a warning.
 *
 * @param dir The class folder.
 * @returns The submissions and warnings.
 * @throws {ClassFolderError} When the folder does not exist or holds no submission.
 *
 * @example
 * ```ts ignore
 * import { listClass } from "./class_folder.ts";
 * const { submissions, warnings } = await listClass("submissions");
 * ```
 */
export async function listClass(dir: string): Promise<ClassFolder> {
  const kind = await entryKind(dir);
  if (kind !== "dir") {
    throw new ClassFolderError(
      `Cannot grade the class: ${
        kind === null ? "there is no folder" : "this is not a folder"
      } at "${dir}"`,
    );
  }
  const warnings: string[] = [];
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name.startsWith(".")) continue;
    if (entry.isSymlink) {
      warnings.push(`left out "${entry.name}": links are not followed`);
    } else if (entry.isDirectory) {
      names.push(entry.name);
    } else {
      warnings.push(
        `left out "${entry.name}": a file, not a submission folder${
          /\.(zip|tar|tgz|gz)$/i.test(entry.name) ? " (unpack it first)" : ""
        }`,
      );
    }
  }
  if (!names.length) {
    throw new ClassFolderError(`Cannot grade the class: "${dir}" holds no submission folders`);
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const seen = new Map<string, string>();
  const submissions: SubmissionInput[] = [];
  for (const name of names) {
    const key = folderName(name.normalize("NFC")).toLowerCase();
    let student = name;
    if (seen.has(key)) {
      let n = 2;
      while ([...seen.keys()].includes(`${key} (${n})`)) n++;
      student = `${name} (${n})`;
      warnings.push(
        `duplicate student names: "${seen.get(key)}" and "${name}" would share an output folder; ` +
          `the second is graded as "${student}"`,
      );
      seen.set(`${key} (${n})`, student);
    } else {
      seen.set(key, name);
    }
    submissions.push({ student, path: `${dir}/${name}` });
  }
  return { submissions, warnings };
}
