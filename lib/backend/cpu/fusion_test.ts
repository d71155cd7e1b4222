/**
 * Fused element-wise chains against the eager TypeScript path (the oracle):
 * bit-for-bit equal for float32 and float64, across chunk boundaries, shared
 * work and long chains; and the backend's memory accounting is unchanged.
 */
import fc from "fast-check";
import { strictEqual } from "node:assert";
import { CpuBackend } from "./cpu_backend.ts";
import type { Backend } from "../backend.ts";
import { Rng, scope, setDefaultBackend, type Tensor, uniform } from "../../tensor/mod.ts";
import type { DType } from "../../core/dtype.ts";

/**
 * Equal value for value with Object.is: ±0 differ, NaN equals NaN. (Bytes would
 * also compare NaN payloads, which V8 may canonicalise on any store.)
 */
function assertSame(actual: ArrayLike<number>[], expected: ArrayLike<number>[], where = "") {
  strictEqual(actual.length, expected.length, where);
  expected.forEach((e, t) => {
    strictEqual(actual[t].length, e.length, `${where}: output ${t} length`);
    for (let i = 0; i < e.length; i++) {
      if (!Object.is(actual[t][i], e[i])) {
        throw new Error(`${where}: output ${t}, entry ${i}: expected ${e[i]}, got ${actual[t][i]}`);
      }
    }
  });
}

const eager = new CpuBackend("eager", { fusion: false });
/** Tiny chunks and no size floor, so that every op is fused and chunks end mid-array. */
const fused = new CpuBackend("fused", { fusion: { minSize: 1, chunk: 7, maxNodes: 5 } });
const defaults = new CpuBackend();

function on<T>(backend: Backend, fn: () => T): T {
  const previous = setDefaultBackend(backend);
  try {
    return fn();
  } finally {
    setDefaultBackend(previous);
  }
}

/** Ten Adam steps written with library ops, returning θ, m, v. */
function adam(size: number, dtype: DType, seed: number): Tensor[] {
  const rng = new Rng(seed);
  let theta = uniform(rng, [size], { low: -1, high: 1, dtype });
  const g = uniform(rng, [size], { low: -1, high: 1, dtype });
  let m = theta.mul(0);
  let v = theta.mul(0);
  for (let t = 1; t <= 10; t++) {
    m = m.mul(0.9).add(g.mul(1 - 0.9));
    v = v.mul(0.999).add(g.square().mul(1 - 0.999));
    const mHat = m.div(1 - 0.9 ** t);
    const vHat = v.div(1 - 0.999 ** t);
    theta = theta.sub(mHat.mul(1e-3).div(vHat.sqrt().add(1e-8)));
  }
  return [theta, m, v];
}

for (const dtype of ["float32", "float64"] as const) {
  Deno.test(`fused Adam steps equal the eager path bit for bit (${dtype}) [cpu]`, () => {
    for (const size of [1, 6, 7, 8, 50, 5000]) {
      const expected = on(eager, () => adam(size, dtype, size)).map((t) => t.dataSync());
      for (const backend of [fused, defaults]) {
        const actual = on(backend, () => adam(size, dtype, size)).map((t) => t.dataSync());
        assertSame(actual, expected, `${backend.description}, ${size} elements`);
      }
    }
  });
}

const UNARY = ["neg", "abs", "sign", "exp", "log", "sqrt", "square"] as const;
const BINARY = ["add", "sub", "mul", "div", "pow", "maximum", "minimum", "gt"] as const;

Deno.test("random fused chains equal the eager path bit for bit, read in any order [cpu]", () => {
  const step = fc.oneof(
    fc.record({ unary: fc.constantFrom(...UNARY) }),
    fc.record({
      binary: fc.constantFrom(...BINARY),
      with: fc.oneof(
        fc.nat(10).map((index) => ({ index })),
        fc.double({ min: -3, max: 3, noNaN: true }).map((value) => ({ value })),
      ),
      scalarFirst: fc.boolean(),
    }),
  );
  fc.assert(
    fc.property(
      fc.array(step, { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 40 }),
      fc.constantFrom<DType>("float32", "float64"),
      fc.boolean(),
      (steps, size, dtype, readAll) => {
        const run = () => {
          const rng = new Rng(size);
          const made: Tensor[] = [uniform(rng, [size], { low: -2, high: 2, dtype })];
          for (const s of steps) {
            const x = made[made.length - 1];
            if ("unary" in s) {
              made.push((x as unknown as Record<string, () => Tensor>)[s.unary]());
              continue;
            }
            // An operand: an earlier tensor (shared work) or a number.
            const other = "index" in s.with ? made[s.with.index % made.length] : s.with.value;
            const f = (x as unknown as Record<string, (y: unknown) => Tensor>)[s.binary];
            let y = s.scalarFirst && other instanceof Object
              ? (other as unknown as Record<string, (y: unknown) => Tensor>)[s.binary](x)
              : f.call(x, other);
            if (y.dtype !== x.dtype) y = y.cast(x.dtype);
            made.push(y);
          }
          const order = readAll ? made : [made[made.length - 1]];
          return order.map((t) => t.dataSync());
        };
        const expected = on(eager, run);
        assertSame(on(fused, run), expected);
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("fusion keeps liveBuffers() as the eager path counts it [cpu]", async () => {
  for (const backend of [eager, fused]) {
    const before = backend.liveBuffers();
    const previous = setDefaultBackend(backend);
    try {
      const x = uniform(new Rng(1), [20]);
      const y = await scope(() => x.mul(2).add(1).sqrt());
      strictEqual(backend.liveBuffers(), before + 2, `${backend.description}: x and y`);
      x.dispose(); // y's chain still reads x: its array must survive until y is computed
      const values = y.dataSync();
      strictEqual(values.length, 20);
      strictEqual(Number.isNaN(values[0]), false);
      strictEqual(backend.liveBuffers(), before + 1, backend.description);
      y.dispose();
      strictEqual(backend.liveBuffers(), before, backend.description);
      // Disposed before it ever ran: the chain lets its operands go.
      const z = uniform(new Rng(2), [20]);
      const w = await scope(() => z.exp().neg());
      z.dispose();
      w.dispose();
      strictEqual(backend.liveBuffers(), before, backend.description);
    } finally {
      setDefaultBackend(previous);
    }
  }
});

Deno.test("a chain never read stays bounded: 10,000 updates then one read [cpu]", () => {
  const expected = on(eager, () => {
    let x = uniform(new Rng(4), [30]);
    for (let i = 0; i < 10_000; i++) x = x.mul(0.999).add(0.001);
    return x.dataSync();
  });
  const actual = on(fused, () => {
    let x = uniform(new Rng(4), [30]);
    for (let i = 0; i < 10_000; i++) x = x.mul(0.999).add(0.001);
    return x.dataSync();
  });
  assertSame([actual], [expected]);
});
