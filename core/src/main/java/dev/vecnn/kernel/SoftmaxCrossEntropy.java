package dev.vecnn.kernel;

/**
 * Fused, numerically stable softmax + cross-entropy over rows of logits.
 * For each row r: p = softmax(z_r); loss_r = -log p[label_r]; grad_r = (p - onehot(label_r)) * gradScale.
 * {@code probs} and {@code grad} share the logits' offset and leading dimension; either may be null,
 * and either may be the logits array itself. Returns the sum of the row losses, added in row order.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    public static double forwardBackward(float[] z, int off, int rows, int cols, int ld,
                                         int[] labels, int labelsOff,
                                         float[] probs, float[] grad, float gradScale) {
        return LossReference.softmaxCrossEntropy(z, off, rows, cols, ld, labels, labelsOff, probs, grad, gradScale);
    }
}
