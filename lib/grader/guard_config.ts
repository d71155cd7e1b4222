/**
 * The guard's per-run secret. The grader overwrites this file in every sandbox
 * with a fresh random nonce; this copy only serves to type-check the guard.
 *
 * @module
 */

/** A random string that names this run's canary cases and marks the guard's messages. */
export const NONCE = "development";
