package dev.vecnn.kernel;

/**
 * Softmax outputs scored by squared error against one-hot labels: a row's loss is the mean over the
 * {@code cols} outputs of (p_k - t_k)^2, as Keras' {@code mean_squared_error} gives it on one-hot
 * targets. A head some tutorials train with; vecnn offers it to test whether a report used it
 * (docs/design/hypotheses.md, B5), not for speed, so it stays scalar.
 */
public final class SoftmaxSquaredError {
    private SoftmaxSquaredError() {}

    /**
     * Probabilities into {@code probs} and, with {@code grad}, dLoss/dz times {@code gradScale} (both at the
     * logits' offset and leading dimension, {@code probs} required); returns the loss summed over the rows
     * in row order. The gradient through the softmax: dz_j = p_j (g_j - sum_k p_k g_k), g = 2 (p - t) / cols.
     */
    public static double forwardBackward(float[] z, int off, int rows, int cols, int ld, int[] labels, int labelsOff,
                                         float[] probs, float[] grad, float gradScale) {
        SoftmaxCrossEntropy.forwardBackward(z, off, rows, cols, ld, labels, labelsOff, probs, null, 1f);
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int p0 = off + r * ld, label = labels[labelsOff + r];
            double rowLoss = 0, dot = 0;
            for (int k = 0; k < cols; k++) {
                double d = probs[p0 + k] - (k == label ? 1.0 : 0.0);
                rowLoss += d * d;
                dot += probs[p0 + k] * (2 * d / cols);
            }
            total += rowLoss / cols;
            if (grad != null) {
                for (int k = 0; k < cols; k++) {
                    double g = 2 * (probs[p0 + k] - (k == label ? 1.0 : 0.0)) / cols;
                    grad[p0 + k] = (float) (probs[p0 + k] * (g - dot) * gradScale);
                }
            }
        }
        return total;
    }
}
