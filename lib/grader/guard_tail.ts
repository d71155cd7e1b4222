/**
 * The last module a grading run loads (copied next to the guard as `tail.ts`):
 * it registers the two canary cases after every kata case, so they run last.
 *
 * - "the environment is intact" must pass: nothing the guard watches changed;
 * - "report" must fail: its message carries the guard's report (every case
 *   registered, every incident) and whether the test helpers still see 1 ≠ 2.
 *
 * A run where either canary is missing or has the wrong outcome was tampered with.
 *
 * @module
 */
import { guard, NONCE } from "./guard_claim.ts";
import { assertAllClose, check } from "../testing/mod.ts";

guard.setPhase("tail");

guard.registerCanary(`grader canary ${NONCE}: the environment is intact`, () => {
  guard.verifyEnvironment("at the end of the run");
});

guard.registerCanary(`grader canary ${NONCE}: report`, async () => {
  let helpersWork = false;
  try {
    await assertAllClose([1], [2], { where: "grader canary" });
  } catch {
    try {
      check(false, "grader canary");
    } catch {
      helpersWork = true;
    }
  }
  throw new Error(
    `${guard.mark} report ${JSON.stringify({ ...guard.guardReport(), helpersWork })}`,
  );
});
