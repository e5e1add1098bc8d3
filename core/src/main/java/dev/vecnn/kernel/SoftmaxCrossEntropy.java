package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * Fused, numerically stable softmax + cross-entropy over rows of logits.
 * For each row r: p = softmax(z_r); loss_r = -log p[label_r]; grad_r = (p - onehot(label_r)) * gradScale.
 * {@code probs} and {@code grad} share the logits' offset and leading dimension; either may be null,
 * and either may be the logits array itself. Returns the sum of the row losses, added in row order.
 *
 * <p>Rows, not columns, go in the lanes: a block of {@code LANES} rows is transposed into a small
 * per-thread buffer ({@code cols x LANES}), so every vector operation is a full, unmasked one on a
 * buffer the loop owns. Rows have only 10 or so classes; with columns in the lanes most lanes would
 * be masked off, and the masked code is too large for the JIT to inline {@link VectorMath#exp}
 * into, so every vector was boxed (576 bytes allocated per row on 256-bit lanes). Each lane sums
 * its row's exponentials in column order, so a row's bits do not depend on which block it falls in.
 * The max is subtracted before exponentiating, so logits of any size give finite results.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /** Per-thread block buffer, grown on demand and then reused: no allocation per call. */
    private static final ThreadLocal<float[][]> BLOCK = ThreadLocal.withInitial(() -> new float[1][0]);

    public static double forwardBackward(float[] z, int off, int rows, int cols, int ld,
                                         int[] labels, int labelsOff,
                                         float[] probs, float[] grad, float gradScale) {
        return run(z, off, rows, cols, ld, labels, labelsOff, probs, grad, gradScale, null, 0);
    }

    /**
     * As {@link #forwardBackward}, with each row's loss written to {@code losses[lossesOff + r]}
     * instead of summed: row ranges can then run on different threads and the caller adds the
     * losses in row order, which gives the same sum, bit for bit, as one call over all the rows.
     */
    public static void rowLosses(float[] z, int off, int rows, int cols, int ld,
                                 int[] labels, int labelsOff,
                                 float[] probs, float[] grad, float gradScale, double[] losses, int lossesOff) {
        if (losses == null) {
            throw new IllegalArgumentException("losses is null");
        }
        run(z, off, rows, cols, ld, labels, labelsOff, probs, grad, gradScale, losses, lossesOff);
    }

    private static double run(float[] z, int off, int rows, int cols, int ld, int[] labels, int labelsOff,
                              float[] probs, float[] grad, float gradScale, double[] losses, int lossesOff) {
        if (cols < 1) {
            throw new IllegalArgumentException("softmax needs at least one column");
        }
        float[] block = block(cols);
        int stats = cols * LANES; // then LANES maxima, then LANES sums
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
            gather(z, off + r0 * ld, n, cols, ld, block);
            softmaxLanes(block, cols);
            for (int i = 0; i < n; i++) {
                int row = off + (r0 + i) * ld;
                int label = labels[labelsOff + r0 + i];
                float max = block[stats + i];
                float sum = block[stats + LANES + i];
                double loss = StrictMath.log(sum) - ((double) z[row + label] - max);
                if (losses != null) {
                    losses[lossesOff + r0 + i] = loss;
                } else {
                    total += loss;
                }
            }
            scatter(block, n, cols, off + r0 * ld, ld, labels, labelsOff + r0, probs, grad, gradScale);
        }
        return total;
    }

    private static float[] block(int cols) {
        float[][] holder = BLOCK.get();
        int need = (cols + 2) * LANES;
        if (holder[0].length < need) {
            holder[0] = new float[need];
        }
        return holder[0];
    }

    /** block[j * LANES + i] = z[first + i * ld + j]; lanes past {@code n} get 0 (results ignored). */
    private static void gather(float[] z, int first, int n, int cols, int ld, float[] block) {
        for (int i = 0; i < LANES; i++) {
            int row = first + i * ld;
            for (int j = 0; j < cols; j++) {
                block[j * LANES + i] = i < n ? z[row + j] : 0f;
            }
        }
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

    /** Writes p and (p - onehot) * scale for the first {@code n} lanes back to row-major outputs. */
    private static void scatter(float[] block, int n, int cols, int first, int ld, int[] labels, int labelsOff,
                                float[] probs, float[] grad, float gradScale) {
        for (int i = 0; i < n; i++) {
            int row = first + i * ld;
            int label = labels[labelsOff + i];
            for (int j = 0; j < cols; j++) {
                float p = block[j * LANES + i];
                if (probs != null) {
                    probs[row + j] = p;
                }
                if (grad != null) {
                    grad[row + j] = (j == label ? p - 1f : p) * gradScale;
                }
            }
        }
    }
}
