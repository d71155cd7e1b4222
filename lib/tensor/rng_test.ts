import { deepStrictEqual, notDeepStrictEqual, strictEqual, throws } from "node:assert";
import fc from "fast-check";
import { normal, Rng, uniform, ValueError } from "./mod.ts";

Deno.test("Rng: the same seed gives the same stream, another seed another", () => {
  const a = new Rng(42);
  const b = new Rng(42);
  deepStrictEqual([a.float(), a.int(0, 10), a.normal()], [b.float(), b.int(0, 10), b.normal()]);
  notDeepStrictEqual(new Rng(1).permutation(20), new Rng(2).permutation(20));
});

Deno.test("Rng.permutation(n) holds every index exactly once (property)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 200 }), fc.integer(), (n, seed) => {
      const p = new Rng(seed).permutation(n);
      deepStrictEqual([...p].sort((x, y) => x - y), Array.from({ length: n }, (_, i) => i));
    }),
  );
});

Deno.test("Rng.int(lo, hi) stays in [lo, hi) and hits both ends", () => {
  const rng = new Rng(7);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) seen.add(rng.int(-2, 3));
  deepStrictEqual([...seen].sort((x, y) => x - y), [-2, -1, 0, 1, 2]);
});

Deno.test("uniform() and normal() have the right first two moments", async () => {
  const n = 200_000;
  const u = await uniform(new Rng(5), [n], { low: -1, high: 3 }).data();
  const z = await normal(new Rng(6), [n], { mean: 2, std: 0.5 }).data();
  const moments = (xs: ArrayLike<number>) => {
    let s = 0, s2 = 0;
    for (let i = 0; i < xs.length; i++) (s += xs[i]), (s2 += xs[i] * xs[i]);
    const mean = s / xs.length;
    return [mean, Math.sqrt(s2 / xs.length - mean * mean)];
  };
  const [um, us] = moments(u);
  const [zm, zs] = moments(z);
  // Uniform on [−1, 3): mean 1, std 4/√12 = 1.1547; standard errors ≈ 0.003.
  strictEqual(
    Math.abs(um - 1) < 0.01 && Math.abs(us - 4 / Math.sqrt(12)) < 0.01,
    true,
    `${um} ${us}`,
  );
  strictEqual(Math.abs(zm - 2) < 0.01 && Math.abs(zs - 0.5) < 0.01, true, `${zm} ${zs}`);
});

Deno.test("Rng refuses a seed that is not an integer and an empty range", () => {
  throws(() => new Rng(0.5), ValueError);
  throws(() => new Rng(1).int(3, 3), /Cannot draw an integer: range \[3, 3\) is empty/);
});
