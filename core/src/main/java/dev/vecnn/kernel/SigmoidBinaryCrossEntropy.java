package dev.vecnn.kernel;

/**
 * Fused sigmoid + binary cross-entropy over n logits with 0/1 targets.
 * loss_i = -[t log s(z) + (1-t) log(1-s(z))], grad_i = (s(z) - t) * gradScale. {@code probs} and
 * {@code grad} share the logits' offset; either may be null. Returns the summed loss in index order.
 */
public final class SigmoidBinaryCrossEntropy {
    private SigmoidBinaryCrossEntropy() {}

    public static double forwardBackward(float[] z, int zOff, int n, float[] targets, int tOff,
                                         float[] probs, float[] grad, float gradScale) {
        return LossReference.sigmoidBinaryCrossEntropy(z, zOff, n, targets, tOff, probs, grad, gradScale);
    }
}
