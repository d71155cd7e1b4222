import { strictEqual } from "node:assert";
import { getBackend, scope, tensor, zerosLike } from "./mod.ts";
import { backendTest } from "../testing/mod.ts";

backendTest("scope() disposes what it created except what it returns", async ({ backend }) => {
  const b = getBackend(backend);
  const x = tensor([1, 2, 3]);
  const before = b.liveBuffers();
  const kept = await scope(() => {
    const y = x.mul(2).add(1).square();
    return { y };
  });
  strictEqual(b.liveBuffers(), before + 1);
  strictEqual(kept.y.isDisposed, false);
  strictEqual(x.isDisposed, false);
});

backendTest(
  "1,000 Adam steps inside scopes leave the live-buffer count where it started",
  async ({ backend }) => {
    const b = getBackend(backend);
    let theta = tensor(Array.from({ length: 1000 }, (_, i) => Math.sin(i)));
    let m = zerosLike(theta);
    let v = zerosLike(theta);
    const before = b.liveBuffers();
    for (let t = 1; t <= 1000; t++) {
      const next = await scope(() => {
        const g = theta.mul(2);
        const m1 = m.mul(0.9).add(g.mul(0.1));
        const v1 = v.mul(0.999).add(g.square().mul(0.001));
        const step = m1.div(1 - 0.9 ** t).div(v1.div(1 - 0.999 ** t).sqrt().add(1e-8));
        return { theta: theta.sub(step.mul(1e-3)), m: m1, v: v1 };
      });
      theta.dispose(), m.dispose(), v.dispose();
      ({ theta, m, v } = next);
    }
    strictEqual(b.liveBuffers(), before, `live buffers went from ${before} to ${b.liveBuffers()}`);
    strictEqual(Number.isFinite(await theta.sum().item()), true);
  },
);

Deno.test("nested scopes hand returned tensors to the outer scope", async () => {
  const cpu = getBackend("cpu");
  const before = cpu.liveBuffers();
  await scope(async () => {
    const inner = await scope(() => tensor([1]).add(1));
    strictEqual(inner.isDisposed, false);
  });
  strictEqual(cpu.liveBuffers(), before);
});

Deno.test("concurrent async scopes do not dispose each other's tensors", async () => {
  const results = await Promise.all([0, 1].map((k) =>
    scope(async () => {
      const x = tensor([k]);
      await new Promise((r) => setTimeout(r, 5));
      return x.add(1);
    })
  ));
  strictEqual((await results[0].item()) + (await results[1].item()), 3);
});
