/**
 * The grader's tests spawn Deno and write files, so they need `deno test -A`.
 * Under fewer permissions (the doc-example step of `deno task test` runs
 * `deno test --doc --allow-read --allow-env lib/`) they are skipped, not failed.
 *
 * @module
 */

const NEEDED = ["run", "write", "read", "env"] as const;

/** Whether every permission the grader's tests need is granted. */
export const canGrade: boolean = (await Promise.all(
  NEEDED.map(async (name) => (await Deno.permissions.query({ name })).state === "granted"),
)).every(Boolean);

/**
 * Registers a test that needs the grader's permissions (skipped without them).
 *
 * @param name The case's name.
 * @param fn Its body.
 */
export function gradeTest(name: string, fn: () => void | Promise<void>): void {
  Deno.test({ name, ignore: !canGrade, fn });
}
