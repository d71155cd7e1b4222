import { deepStrictEqual, ok, strictEqual } from "node:assert";
import { WorkPool } from "./pool.ts";

Deno.test("WorkPool runs tasks on at most its number of workers, tasks added by tasks included", async () => {
  let running = 0, most = 0;
  const done: string[] = [];
  const errors: unknown[] = [];
  const pool = new WorkPool(2, (error) => errors.push(error));
  const task = (name: string) => async (worker: number) => {
    ok(worker === 0 || worker === 1);
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running--;
    done.push(name);
    if (name === "a") pool.add(task("a+"));
  };
  for (const name of ["a", "b", "c"]) pool.add(task(name));
  pool.add(() => Promise.reject(new Error("boom")));
  await pool.run();
  strictEqual(most, 2);
  deepStrictEqual(done.sort(), ["a", "a+", "b", "c"]);
  strictEqual((errors[0] as Error).message, "boom");
});

Deno.test("WorkPool takes turns between groups: a group queued first cannot hold every worker", async () => {
  const order: string[] = [];
  const pool = new WorkPool(1, () => {});
  for (let i = 0; i < 3; i++) pool.add(() => Promise.resolve(void order.push(`hog${i}`)), "hog");
  for (let i = 0; i < 3; i++) {
    pool.add(() => Promise.resolve(void order.push(`honest${i}`)), "honest");
  }
  await pool.run();
  strictEqual(order.join(), "hog0,honest0,hog1,honest1,hog2,honest2");
});

Deno.test("WorkPool: a group with slow tasks keeps to one worker while another group has work", async () => {
  const order: string[] = [];
  const pool = new WorkPool(2, () => {});
  const slow = () => new Promise((resolve) => setTimeout(resolve, 40));
  for (let i = 0; i < 3; i++) {
    pool.add(async () => void (order.push(`hog${i}`), await slow()), "hog");
  }
  for (let i = 0; i < 3; i++) {
    pool.add(() => Promise.resolve(void order.push(`honest${i}`)), "honest");
  }
  await pool.run();
  // The honest tasks all finish while the first hog task still runs.
  strictEqual(order.slice(0, 4).join(), "hog0,honest0,honest1,honest2");
});
