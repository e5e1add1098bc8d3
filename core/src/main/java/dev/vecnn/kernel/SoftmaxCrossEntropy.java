package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Fused, numerically stable softmax + cross-entropy over rows of logits.
 * For each row r: p = softmax(z_r); loss_r = -log p[label_r]; grad_r = (p - onehot(label_r)) * gradScale.
 * {@code probs} and {@code grad} share the logits' offset and leading dimension; either may be null,
 * and either may be the logits array itself. Returns the sum of the row losses, added in row order.
 *
 * <p>The max is subtracted before exponentiating, so logits of any size give finite results. Lane
 * sums use a fixed order and the exponential is {@link VectorMath#exp}, so the bits of every output
 * are the same whichever JIT tier runs the row.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    public static double forwardBackward(float[] z, int off, int rows, int cols, int ld,
                                         int[] labels, int labelsOff,
                                         float[] probs, float[] grad, float gradScale) {
        if (cols < 1) {
            throw new IllegalArgumentException("softmax needs at least one column");
        }
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int row = off + r * ld;
            int label = labels[labelsOff + r];
            if (label < 0 || label >= cols) {
                throw new IllegalArgumentException("label " + label + " of row " + r + " is outside [0, " + cols + ")");
            }
            total += cols <= LANES
                    ? narrowRow(z, row, cols, label, probs, grad, gradScale)
                    : wideRow(z, row, cols, label, probs, grad, gradScale);
        }
        return total;
    }

    /** A row that fits one vector (10 classes on AVX-512): one load, everything in registers. */
    private static double narrowRow(float[] z, int row, int cols, int label,
                                    float[] probs, float[] grad, float gradScale) {
        VectorMask<Float> m = SPECIES.indexInRange(0, cols);
        FloatVector v = FloatVector.fromArray(SPECIES, z, row, m);
        float max = v.blend(Float.NEGATIVE_INFINITY, m.not()).reduceLanes(VectorOperators.MAX); // max is order-free
        FloatVector e = VectorMath.exp(v.sub(max)).blend(0f, m.not());
        float sum = VectorMath.sumLanes(e);
        double loss = StrictMath.log(sum) - ((double) z[row + label] - max);
        writeRow(e, sum, row, 0, cols, label, probs, grad, gradScale, m);
        return loss;
    }

    private static double wideRow(float[] z, int row, int cols, int label,
                                  float[] probs, float[] grad, float gradScale) {
        FloatVector mx = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < cols; j += LANES) {
            VectorMask<Float> m = SPECIES.indexInRange(j, cols);
            mx = mx.max(FloatVector.fromArray(SPECIES, z, row + j, m).blend(Float.NEGATIVE_INFINITY, m.not()));
        }
        float max = mx.reduceLanes(VectorOperators.MAX);
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int j = 0; j < cols; j += LANES) {
            VectorMask<Float> m = SPECIES.indexInRange(j, cols);
            acc = acc.add(VectorMath.exp(FloatVector.fromArray(SPECIES, z, row + j, m).sub(max)).blend(0f, m.not()));
        }
        float sum = VectorMath.sumLanes(acc);
        double loss = StrictMath.log(sum) - ((double) z[row + label] - max);
        for (int j = 0; j < cols; j += LANES) {
            VectorMask<Float> m = SPECIES.indexInRange(j, cols);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(SPECIES, z, row + j, m).sub(max));
            writeRow(e, sum, row, j, cols, label, probs, grad, gradScale, m);
        }
        return loss;
    }

    /** Writes p = e / sum and (p - onehot) * scale for the columns [j, j + LANES) of a row. */
    private static void writeRow(FloatVector e, float sum, int row, int j, int cols, int label,
                                 float[] probs, float[] grad, float gradScale, VectorMask<Float> m) {
        FloatVector p = e.div(sum);
        if (probs != null) {
            p.intoArray(probs, row + j, m);
        }
        if (grad != null) {
            FloatVector g = p;
            if (label >= j && label < j + LANES) {
                VectorMask<Float> hot = VectorMask.fromLong(SPECIES, 1L << (label - j));
                g = p.sub(FloatVector.broadcast(SPECIES, 1f), hot);
            }
            g.mul(gradScale).intoArray(grad, row + j, m);
        }
    }
}
