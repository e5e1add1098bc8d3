package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Fused, numerically stable softmax + cross-entropy over rows of logits.
 * For each row r: p = softmax(z_r); loss_r = -log p[label_r]; grad_r = (p - onehot(label_r)) * gradScale.
 * {@code probs} and {@code grad} share the logits' offset and leading dimension; either may be null,
 * and either may be the logits array itself. Returns the sum of the row losses.
 *
 * <p>Rows, not columns, go in the lanes: a block of {@link #BLOCK_ROWS} rows is transposed into a
 * small per-thread buffer ({@code cols x LANES}), so every vector operation is a full, unmasked one
 * on a buffer the loop owns. Rows have only 10 or so classes; with columns in the lanes most lanes
 * would be masked off, and the masked code is too large for the JIT to inline {@link VectorMath#exp}
 * into, so every vector was boxed (576 bytes allocated per row on 256-bit lanes). Each lane sums its
 * row's exponentials in column order, so a row's probabilities and gradient do not depend on which
 * block it falls in. The max is subtracted before exponentiating, so logits of any size give finite results.
 *
 * <p>The loss of a block is log(product of its rows' sums of exponentials) minus the sum of its
 * rows' (z[label] - max): one logarithm per block instead of one per row (each sum lies in
 * [1, cols], so the product of 16 cannot overflow a double). The blocks' losses are added in order,
 * so the total depends on where the blocks start: callers that split rows over threads cut at
 * multiples of BLOCK_ROWS and use {@link #blockLosses}.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /** Rows that share one pass through the vector lanes and one loss term. */
    public static final int BLOCK_ROWS = LANES;

    /** Per-thread block buffer, grown on demand and then reused: no allocation per call. */
    private static final ThreadLocal<float[][]> BLOCK = ThreadLocal.withInitial(() -> new float[1][0]);

    public static double forwardBackward(float[] z, int off, int rows, int cols, int ld,
                                         int[] labels, int labelsOff,
                                         float[] probs, float[] grad, float gradScale) {
        return run(z, off, rows, cols, ld, labels, labelsOff, probs, grad, gradScale, null, 0, null, 0);
    }

    /**
     * As {@link #forwardBackward}, with the loss of each block of {@link #BLOCK_ROWS} rows (the last
     * may be shorter) written to {@code losses[lossesOff + b]} instead of summed: ranges of rows that
     * start at multiples of BLOCK_ROWS can then run on different threads, and the caller's in-order sum
     * of the block losses has the bits of one forwardBackward call over all the rows.
     */
    public static void blockLosses(float[] z, int off, int rows, int cols, int ld,
                                   int[] labels, int labelsOff,
                                   float[] probs, float[] grad, float gradScale, double[] losses, int lossesOff) {
        blockLosses(z, off, rows, cols, ld, labels, labelsOff, probs, grad, gradScale, losses, lossesOff, null, 0);
    }

    /**
     * As above, and with {@code predictions} (null for none) each row's predicted class written to
     * {@code predictions[predictionsOff + r]}: the index {@link Reductions#rowArgmax} gives (a later class wins
     * only if its logit is strictly greater), found in the lanes of the block the softmax has transposed
     * anyway. A separate argmax pass over the logits cost more than the softmax itself on 10 classes.
     */
    public static void blockLosses(float[] z, int off, int rows, int cols, int ld,
                                   int[] labels, int labelsOff,
                                   float[] probs, float[] grad, float gradScale, double[] losses, int lossesOff,
                                   int[] predictions, int predictionsOff) {
        if (losses == null) {
            throw new IllegalArgumentException("losses is null");
        }
        if (predictions != null && (predictionsOff < 0 || predictionsOff + rows > predictions.length)) {
            throw new IllegalArgumentException("predictions need " + rows + " entries from " + predictionsOff
                    + ", array has " + predictions.length);
        }
        run(z, off, rows, cols, ld, labels, labelsOff, probs, grad, gradScale, losses, lossesOff, predictions,
                predictionsOff);
    }

    private static double run(float[] z, int off, int rows, int cols, int ld, int[] labels, int labelsOff,
                              float[] probs, float[] grad, float gradScale, double[] losses, int lossesOff,
                              int[] predictions, int predictionsOff) {
        if (cols < 1) {
            throw new IllegalArgumentException("softmax needs at least one column");
        }
        float[] block = block(cols);
        int stats = cols * LANES; // then LANES maxima, then LANES sums, then the gradient block
        int gradients = (cols + 2) * LANES;
        double total = 0;
        for (int r0 = 0; r0 < rows; r0 += LANES) {
            int n = Math.min(LANES, rows - r0);
            for (int i = 0; i < n; i++) {
                int label = labels[labelsOff + r0 + i];
                if (label < 0 || label >= cols) {
                    throw new IllegalArgumentException("label " + label + " of row " + (r0 + i)
                            + " is outside [0, " + cols + ")");
                }
            }
            int first = off + r0 * ld;
            RowLanes.transpose(z, first, n, cols, ld, block);
            if (predictions != null) {
                RowLanes.argmax(block, cols, n, predictions, predictionsOff + r0);
            }
            softmaxLanes(block, cols);
            double product = 1, shift = 0;
            for (int i = 0; i < n; i++) {
                int label = labels[labelsOff + r0 + i];
                product *= block[stats + LANES + i];
                shift += (double) z[first + i * ld + label] - block[stats + i];
            }
            double loss = StrictMath.log(product) - shift;
            if (losses != null) {
                losses[lossesOff + r0 / LANES] = loss;
            } else {
                total += loss;
            }
            if (probs != null) {
                scatter(block, 0, n, cols, first, ld, probs);
            }
            if (grad != null) {
                gradientLanes(block, cols, labels, labelsOff + r0, n, gradScale, gradients);
                scatter(block, gradients, n, cols, first, ld, grad);
            }
        }
        return total;
    }

    private static float[] block(int cols) {
        float[][] holder = BLOCK.get();
        int need = (2 * cols + 2) * LANES;
        if (holder[0].length < need) {
            holder[0] = new float[need];
        }
        return holder[0];
    }

    /**
     * In place on the transposed block: logits become probabilities; the lane maxima and sums of
     * exponentials are left after the {@code cols} rows of the block for the loss.
     */
    private static void softmaxLanes(float[] block, int cols) {
        FloatVector max = FloatVector.fromArray(SPECIES, block, 0);
        for (int j = 1; j < cols; j++) {
            max = max.max(FloatVector.fromArray(SPECIES, block, j * LANES));
        }
        FloatVector sum = FloatVector.zero(SPECIES);
        for (int j = 0; j < cols; j++) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(SPECIES, block, j * LANES).sub(max));
            e.intoArray(block, j * LANES);
            sum = sum.add(e);
        }
        for (int j = 0; j < cols; j++) {
            FloatVector.fromArray(SPECIES, block, j * LANES).div(sum).intoArray(block, j * LANES);
        }
        max.intoArray(block, cols * LANES);
        sum.intoArray(block, (cols + 1) * LANES);
    }

    /** block[to + j * LANES + i] = (p - (j == label ? 1 : 0)) * scale, the rows' labels compared in lanes. */
    private static void gradientLanes(float[] block, int cols, int[] labels, int labelsOff, int n, float scale, int to) {
        VectorMask<Integer> valid = RowLanes.INT_SPECIES.indexInRange(0, n);
        FloatVector label = (FloatVector) IntVector.fromArray(RowLanes.INT_SPECIES, labels, labelsOff, valid)
                .convert(VectorOperators.I2F, 0);
        for (int j = 0; j < cols; j++) {
            VectorMask<Float> hit = label.eq((float) j);
            FloatVector.fromArray(SPECIES, block, j * LANES).sub(1f, hit).mul(scale).intoArray(block, to + j * LANES);
        }
    }

    /** out[first + i * ld + j] = block[from + j * LANES + i] for the first {@code n} lanes. */
    private static void scatter(float[] block, int from, int n, int cols, int first, int ld, float[] out) {
        for (int i = 0; i < n; i++) {
            for (int j = 0, row = first + i * ld; j < cols; j++) {
                out[row + j] = block[from + j * LANES + i];
            }
        }
    }
}
