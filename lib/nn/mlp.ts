/**
 * A multi-layer perceptron whose parameters are one flat vector θ, so that
 * any optimizer that updates a single tensor (katas 04 and 05) trains it.
 *
 * Layout of θ, layer by layer (layer l maps `sizes[l]` inputs to
 * `sizes[l + 1]` outputs): first the weight matrix, row-major with shape
 * [in, out] (so a batch X of shape [B, in] maps to X·W + b), then the bias of
 * length `out`. `layout[l]` gives each block's offset and shape, and
 * `view(θ, l)` returns them as tensors.
 *
 * @module
 */
import type { DType } from "../core/dtype.ts";
import { allocate } from "../core/dtype.ts";
import {
  formatShape,
  type Rng,
  ShapeError,
  type Tensor,
  tensor,
  ValueError,
} from "../tensor/mod.ts";
import { type Activation, activation } from "./activations.ts";

/** Initialisations: He (std √(2/in), for relu) or Xavier/Glorot (std √(2/(in + out))). */
export type Init = "he" | "xavier";

/** How to build an MLP. */
export interface MlpOptions {
  /** Layer widths from input to output, e.g. [4, 64, 64, 3]: at least two. */
  sizes: readonly number[];
  /** The hidden layers' activation (the last layer has none: it returns logits). Default relu. */
  activation?: Activation;
  /** How `init()` draws weights; default "he" for relu, "xavier" for tanh and sigmoid. */
  init?: Init;
  /** Draws the initial weights; each `init()` call advances it. */
  rng: Rng;
  /** float32 (default) or float64 (CPU only). */
  dtype?: DType;
}

/** Where one block of parameters sits in θ. */
export interface Block {
  /** Index of its first entry in θ. */
  offset: number;
  /** Its shape: [in, out] for a weight, [out] for a bias. */
  shape: number[];
}

/** The two blocks of one layer. */
export interface LayerLayout {
  /** The weight matrix, [in, out], row-major. */
  weight: Block;
  /** The bias, [out]. */
  bias: Block;
}

/** Options of a forward pass. */
export interface ForwardOptions {
  /** Whether dropout is active (default false: evaluation, no dropout). */
  training?: boolean;
  /**
   * The probability p of dropping each hidden activation while training
   * (default 0). Inverted dropout: kept entries are scaled by 1/(1 − p).
   */
  dropout?: number;
  /**
   * Draws the dropout masks, one `rng.float()` per hidden activation, layer by
   * layer and row-major; an entry is dropped where it is below p. Required
   * when training with dropout > 0.
   */
  rng?: Rng;
  /**
   * Called on each hidden layer's activations, after dropout (layer 0 is the
   * first hidden layer); what it returns feeds the next layer: the place for a
   * learner's own dropout or for recording activations.
   */
  hidden?: (h: Tensor, layer: number) => Tensor;
}

/** A multi-layer perceptron over a flat parameter vector. */
export interface Mlp {
  /** The layer widths. */
  readonly sizes: readonly number[];
  /** The hidden activation. */
  readonly activation: Activation;
  /** The length of θ. */
  readonly parameterCount: number;
  /** Each layer's weight and bias blocks in θ. */
  readonly layout: readonly LayerLayout[];
  /** A fresh θ: weights drawn by the chosen initialisation, biases 0. */
  init(): Tensor;
  /** Layer `layer`'s weight [in, out] and bias [out], as views of θ (differentiable). */
  view(theta: Tensor, layer: number): { weight: Tensor; bias: Tensor };
  /** The logits [B, out] for a batch X of shape [B, in]. */
  forward(theta: Tensor, X: Tensor, options?: ForwardOptions): Tensor;
}

/** A mask of 0 (probability p) and 1/(1 − p), drawn row-major from `rng`. */
function dropoutMask(like: Tensor, p: number, rng: Rng): Tensor {
  const mask = allocate(like.dtype, like.size);
  const scale = 1 / (1 - p);
  for (let i = 0; i < mask.length; i++) mask[i] = rng.float() < p ? 0 : scale;
  return tensor(mask, { dtype: like.dtype, backend: like.backend.name }).reshape(like.shape);
}

/**
 * Builds an MLP: its layout, a seeded initialiser and a forward pass.
 *
 * @param options Sizes, activation, initialisation, rng, dtype.
 * @returns The network (it holds no parameters: θ is passed to each call).
 * @throws {ValueError} When sizes has fewer than two entries or a non-positive width, or
 *   the activation or init is unknown.
 *
 * @example Train-ready: one flat θ, its layout, and logits
 * ```ts
 * import { mlp } from "./mlp.ts";
 * import { Rng, type Tensor, tensor } from "../tensor/mod.ts";
 * import { deepStrictEqual, strictEqual } from "node:assert";
 * const net = mlp({ sizes: [4, 8, 3], activation: "tanh", rng: new Rng(0) });
 * strictEqual(net.parameterCount, 4 * 8 + 8 + 8 * 3 + 3);
 * deepStrictEqual(net.layout[1].weight, { offset: 40, shape: [8, 3] });
 * const theta = net.init();
 * const logits = net.forward(theta, tensor([[1, 2, 3, 4], [0, 0, 0, 0]]));
 * deepStrictEqual(logits.shape, [2, 3]);
 * // the hidden hook sees each hidden layer's activations: tanh keeps them in (−1, 1)
 * const seen: Tensor[] = [];
 * net.forward(theta, tensor([[1, 2, 3, 4]]), { hidden: (h) => (seen.push(h), h) });
 * const values = await seen[0].data();
 * strictEqual(values.length, 8);
 * strictEqual(values.every((v) => Math.abs(v) < 1), true);
 * ```
 */
export function mlp(options: MlpOptions): Mlp {
  const { sizes, rng } = options;
  const act = options.activation ?? "relu";
  const activate = activation(act);
  const init = options.init ?? (act === "relu" ? "he" : "xavier");
  const dtype = options.dtype ?? "float32";
  if (
    !Array.isArray(sizes) || sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1)
  ) {
    throw new ValueError(
      `Cannot build an MLP: sizes ${
        JSON.stringify(sizes)
      } must list at least two positive integer widths`,
    );
  }
  if (init !== "he" && init !== "xavier") {
    throw new ValueError(`Cannot build an MLP: init "${init}" is not "he" or "xavier"`);
  }
  const layout: LayerLayout[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
    const weight = { offset, shape: [fanIn, fanOut] };
    offset += fanIn * fanOut;
    layout.push({ weight, bias: { offset, shape: [fanOut] } });
    offset += fanOut;
  }
  const parameterCount = offset;

  const view = (theta: Tensor, layer: number) => {
    if (!Number.isInteger(layer) || layer < 0 || layer >= layout.length) {
      throw new ValueError(
        `Cannot view layer ${layer}: the MLP has layers 0 to ${layout.length - 1}`,
      );
    }
    if (theta.rank !== 1 || theta.shape[0] !== parameterCount) {
      throw new ShapeError(
        `Cannot view layer ${layer}: theta has shape ${
          formatShape(theta.shape)
        }, expected [${parameterCount}] (the MLP's parameterCount)`,
      );
    }
    const { weight, bias } = layout[layer];
    return {
      weight: theta.slice([weight.offset], [weight.shape[0] * weight.shape[1]]).reshape(
        weight.shape,
      ),
      bias: theta.slice([bias.offset], [bias.shape[0]]),
    };
  };

  return {
    sizes: [...sizes],
    activation: act,
    parameterCount,
    layout,
    init(): Tensor {
      const values = allocate(dtype, parameterCount);
      for (const { weight } of layout) {
        const [fanIn, fanOut] = weight.shape;
        const std = Math.sqrt(init === "he" ? 2 / fanIn : 2 / (fanIn + fanOut));
        for (let i = 0; i < fanIn * fanOut; i++) values[weight.offset + i] = std * rng.normal();
      }
      return tensor(values, { dtype });
    },
    view,
    forward(theta: Tensor, X: Tensor, forwardOptions: ForwardOptions = {}): Tensor {
      if (X.rank !== 2 || X.shape[1] !== sizes[0]) {
        throw new ShapeError(
          `Cannot run the MLP forward: X has shape ${formatShape(X.shape)}, expected [batch, ${
            sizes[0]
          }]`,
        );
      }
      const { hidden, training = false, dropout = 0, rng: maskRng } = forwardOptions;
      if (!(typeof dropout === "number" && dropout >= 0 && dropout < 1)) {
        throw new ValueError(`Cannot run the MLP forward: dropout ${dropout} is not in [0, 1)`);
      }
      if (training && dropout > 0 && maskRng === undefined) {
        throw new ValueError(
          `Cannot run the MLP forward: training with dropout ${dropout} needs an rng for the masks`,
        );
      }
      let h = X;
      for (let l = 0; l < layout.length; l++) {
        const { weight, bias } = view(theta, l);
        const z = h.matmul(weight).add(bias);
        if (l === layout.length - 1) return z;
        let a = activate(z);
        if (training && dropout > 0) a = a.mul(dropoutMask(a, dropout, maskRng!));
        h = hidden ? hidden(a, l) : a;
      }
      return h; // unreachable: sizes has at least two entries
    },
  };
}
