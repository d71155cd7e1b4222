/**
 * A small neural-network kit over the tensor library: a seeded MLP whose
 * parameters are one flat θ, its activations, dropout and an L2 penalty.
 * Losses, softmax and optimizers are the katas' to write.
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
export * from "./dropout.ts";
export * from "./l2_penalty.ts";
export * from "./mlp.ts";
