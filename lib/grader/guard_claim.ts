/**
 * The run's claim on the guard: the first module a grading run's entry file
 * imports. The guard is already installed (preloaded); this takes its controls
 * for the run's nonce before any submitted code loads. The grader writes this file afresh in every sandbox, with a
 * random nonce and the guard's path there (`../grader-guard/guard.ts`); this
 * copy only serves to type-check `guard_tail.ts`.
 *
 * @module
 */
import { claimGuard } from "./guard.ts";

/** A random string that names this run's canary cases and marks the guard's messages. */
export const NONCE = "development";

/** The guard's controls, for the entry's phases and the tail. */
export const guard = claimGuard(NONCE);
