/**
 * A small neural-network kit over the tensor library: a seeded MLP whose
 * parameters are one flat θ (with inverted dropout inside its forward pass),
 * and its activations. Losses, softmax, optimizers, a stand-alone dropout and
 * the L2 penalty are the katas' to write (07, 04–05, 10); the MLP's `hidden`
 * hook is where a learner's own dropout goes.
 *
 * @example One gradient step on an MLP, with θ as a single tensor
 * ```ts
 * import { mlp } from "./mod.ts";
 * import { grad } from "../autodiff/mod.ts";
 * import { Rng, tensor } from "../tensor/mod.ts";
 * import { ok } from "node:assert";
 * const net = mlp({ sizes: [2, 4, 1], rng: new Rng(1) });
 * const X = tensor([[0, 1], [1, 0]]);
 * const y = tensor([[1], [-1]]);
 * const loss = (theta: ReturnType<typeof net.init>) => net.forward(theta, X).sub(y).square().mean();
 * const theta = net.init();
 * const next = theta.sub(grad(loss)(theta).mul(0.1));
 * ok(await loss(next).item() < await loss(theta).item());
 * ```
 *
 * @module
 */
export * from "./activations.ts";
export * from "./mlp.ts";
