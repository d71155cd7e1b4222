// Kata 07 — classification losses: softmax turns logits into probabilities; cross-entropy
// keeps a slope where MSE on softmax goes flat; see katas/07_softmax_cross_entropy/README.md.
// deno-lint-ignore-file no-unused-vars -- the stubs keep the solution's imports and parameters
import {
  DtypeError,
  isFloat,
  NotImplementedError,
  oneHot,
  ShapeError,
  Tensor,
} from "../../lib/mod.ts";

/**
 * Worked example helper — logits must be a float tensor of shape [B, C], one
 * row of C class scores per example, with at least one of each.
 *
 * @param fn The function's name, for the message ("softmax()").
 * @param logits The logits.
 * @returns [B, C].
 * @throws {ShapeError} `Cannot compute softmax(): logits have shape [3], not [B, C]`.
 * @throws {DtypeError} When logits are not a tensor or not a float dtype.
 */
export function checkLogits(fn: string, logits: Tensor): [batch: number, classes: number] {
  if (!(logits instanceof Tensor)) {
    throw new DtypeError(`Cannot compute ${fn}: logits are ${typeof logits}, not a tensor`);
  }
  if (logits.rank !== 2 || logits.shape[0] === 0 || logits.shape[1] === 0) {
    throw new ShapeError(
      `Cannot compute ${fn}: logits have shape [${logits.shape}], not [B, C] with B, C ≥ 1`,
    );
  }
  if (!isFloat(logits.dtype)) {
    throw new DtypeError(
      `Cannot compute ${fn}: logits have dtype ${logits.dtype}, not a float dtype`,
    );
  }
  return [logits.shape[0], logits.shape[1]];
}

/**
 * Worked example helper — labels are class indices: an int32 tensor of shape
 * [B], one index in [0, C) per example (not one-hot rows).
 *
 * @param fn The function's name, for the message.
 * @param labels The labels.
 * @param batch B, the number of rows of the logits.
 * @throws {DtypeError} `Cannot compute crossEntropy(): labels have dtype float32, not int32 class indices`.
 * @throws {ShapeError} `Cannot compute crossEntropy(): labels have shape [2,3], not [B] = [2]`.
 */
export function checkLabels(fn: string, labels: Tensor, batch: number): void {
  if (!(labels instanceof Tensor) || labels.dtype !== "int32") {
    const got = labels instanceof Tensor ? `dtype ${labels.dtype}` : `type ${typeof labels}`;
    throw new DtypeError(`Cannot compute ${fn}: labels have ${got}, not int32 class indices`);
  }
  if (labels.rank !== 1 || labels.shape[0] !== batch) {
    throw new ShapeError(
      `Cannot compute ${fn}: labels have shape [${labels.shape}], not [B] = [${batch}] (one class index per row)`,
    );
  }
}

/**
 * Worked example — the share of rows whose largest logit is at the label. The
 * largest logit is also the largest probability (softmax keeps the order), so
 * no softmax is needed. Reductions here and below run over the last axis, the
 * classes: one answer per example.
 *
 * @param logits [B, C].
 * @param labels int32 [B].
 * @returns A 0-d tensor in [0, 1].
 */
export function accuracy(logits: Tensor, labels: Tensor): Tensor {
  const [batch] = checkLogits("accuracy()", logits);
  checkLabels("accuracy()", labels, batch);
  return logits.argmax(-1).eq(labels).cast(logits.dtype).mean();
}

/**
 * Softmax over the last axis: y'_i = exp(y_i) / Σ_j exp(y_j), each row a
 * probability distribution. Stable for logits of ±1e4.
 *
 * @param logits [B, C].
 * @returns [B, C], every row positive and summing to 1.
 */
export function softmax(logits: Tensor): Tensor {
  // #region TODO(kata 07): softmax() — exp(y_i)/Σ_j exp(y_j) over each row, subtracting the row max first
  checkLogits("softmax()", logits);
  // Adding the same c to every logit of a row multiplies numerator and denominator
  // by exp(c): softmax does not change. Take c = −max of the row: the largest
  // exponent becomes exp(0) = 1, so nothing overflows (float32's exp is already
  // Inf at 89), and the sum is at least 1, so nothing divides by 0.
  const shifted = logits.sub(logits.max(-1, true));
  const exps = shifted.exp();
  // keepDims keeps the sums as a [B, 1] column, which broadcasts across each row.
  return exps.div(exps.sum(-1, true));
  // #endregion
}

/**
 * log softmax over the last axis: log y'_i = y_i − log Σ_j exp(y_j), computed
 * with log-sum-exp so that it stays finite for logits of ±1e4.
 *
 * @param logits [B, C].
 * @returns [B, C], every entry ≤ 0.
 */
export function logSoftmax(logits: Tensor): Tensor {
  // #region TODO(kata 07): logSoftmax() — y_i − log Σ_j exp(y_j), with the row max subtracted (log-sum-exp)
  checkLogits("logSoftmax()", logits);
  // log(softmax(y)) would lose everything below float's smallest number: for a
  // logit 1e4 below the max, softmax is exactly 0 and its log is −Inf. Working in
  // logs keeps it: with z = y − max, log y'_i = z_i − log Σ_j exp(z_j), and the
  // sum is between 1 and C, so its log is finite: z_i = −2e4 stays −2e4.
  const z = logits.sub(logits.max(-1, true));
  return z.sub(z.exp().sum(-1, true).log());
  // #endregion
}

/**
 * Cross-entropy: the mean over the batch of −Σ_i ŷ_i log y'_i, with ŷ the
 * label's one-hot row — that is, of −log y'_label.
 *
 * @param logits [B, C].
 * @param labels int32 [B], class indices.
 * @returns A 0-d tensor.
 */
export function crossEntropy(logits: Tensor, labels: Tensor): Tensor {
  // #region TODO(kata 07): crossEntropy() — mean over the batch of −log softmax at the label
  const [batch, classes] = checkLogits("crossEntropy()", logits);
  checkLabels("crossEntropy()", labels, batch);
  // ŷ as one-hot rows, in the logits' dtype: the lecture's −Σ_i ŷ_i ln y'_i, where
  // only the label's term survives. Labels are indices, not rows: oneHot builds the rows.
  const target = oneHot(labels, classes, logits.dtype);
  // logSoftmax, not log(softmax): a label whose probability underflows to 0 would
  // give −Inf, and 0·(−Inf) in the other entries NaN.
  const lossPerExample = target.mul(logSoftmax(logits)).sum(-1).neg();
  // The mean, not the sum: the loss (and its gradient) should not grow with B.
  return lossPerExample.mean();
  // #endregion
}

/**
 * The gradient of {@linkcode crossEntropy} with respect to the logits:
 * (softmax − oneHot)/B.
 *
 * @param logits [B, C].
 * @param labels int32 [B].
 * @returns [B, C].
 */
export function crossEntropyGradient(logits: Tensor, labels: Tensor): Tensor {
  // #region TODO(kata 07): crossEntropyGradient() — (softmax − oneHot)/B
  const [batch, classes] = checkLogits("crossEntropyGradient()", logits);
  checkLabels("crossEntropyGradient()", labels, batch);
  // For one example, e = −z_k + log Σ_j exp(z_j) with k the label, so
  // ∂e/∂z_i = −[i = k] + exp(z_i)/Σ_j exp(z_j) = y'_i − ŷ_i. The mean over the
  // batch divides every row by B. Each row sums to 0 (probabilities sum to 1, the
  // one-hot row too), and it never vanishes while the wrong class wins: the
  // label's entry is y'_k − 1 ≈ −1 there.
  const yHat = oneHot(labels, classes, logits.dtype);
  return softmax(logits).sub(yHat).div(batch);
  // #endregion
}

/**
 * Classification as regression: the mean over the batch of Σ_i (y'_i − ŷ_i)²,
 * the squared distance between the softmax and the one-hot row.
 *
 * @param logits [B, C].
 * @param labels int32 [B].
 * @returns A 0-d tensor.
 */
export function mseOnSoftmax(logits: Tensor, labels: Tensor): Tensor {
  // #region TODO(kata 07): mseOnSoftmax() — mean over the batch of Σ_i (y'_i − ŷ_i)²
  const [batch, classes] = checkLogits("mseOnSoftmax()", logits);
  checkLabels("mseOnSoftmax()", labels, batch);
  const yHat = oneHot(labels, classes, logits.dtype);
  // Sum over the classes (the lecture's e = Σ_i (ŷ_i − y'_i)²), mean over the batch.
  const squaredErrors = softmax(logits).sub(yHat).square().sum(-1);
  return squaredErrors.mean();
  // #endregion
}

/**
 * The gradient of {@linkcode mseOnSoftmax} with respect to the logits:
 * (2/B) · J · (y' − ŷ) per row, with J = diag(y') − y'y'ᵀ the softmax's Jacobian.
 *
 * @param logits [B, C].
 * @param labels int32 [B].
 * @returns [B, C].
 */
export function mseOnSoftmaxGradient(logits: Tensor, labels: Tensor): Tensor {
  // #region TODO(kata 07): mseOnSoftmaxGradient() — (2/B)·J·(p − ŷ) with J = diag(p) − ppᵀ
  const [batch, classes] = checkLogits("mseOnSoftmaxGradient()", logits);
  checkLabels("mseOnSoftmaxGradient()", labels, batch);
  // One row, p = softmax(z), r = p − ŷ, e = Σ_j r_j². The chain rule through softmax:
  //   ∂e/∂z_i = Σ_j 2 r_j · ∂p_j/∂z_i,   ∂p_j/∂z_i = p_j([i = j] − p_i)
  // so the Jacobian is J = diag(p) − ppᵀ (symmetric), and
  //   ∂e/∂z = 2·J·r = 2·(p ⊙ r − p·(pᵀr)) = 2·p ⊙ (r − pᵀr).
  // Every entry carries a factor p_i: where the wrong class wins, p_label ≈ 0 and
  // p_wrong ≈ 1 − tiny, and the gradient is as tiny as p_label — MSE goes flat.
  const p = softmax(logits);
  const residual = p.sub(oneHot(labels, classes, logits.dtype));
  const pDotResidual = p.mul(residual).sum(-1, true); // pᵀr per row, [B, 1]
  return p.mul(residual.sub(pDotResidual)).mul(2 / batch);
  // #endregion
}
