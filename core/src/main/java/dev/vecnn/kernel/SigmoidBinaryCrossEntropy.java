package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * Fused sigmoid + binary cross-entropy over n logits with 0/1 targets.
 * loss_i = -[t log s(z) + (1-t) log(1-s(z))], grad_i = (s(z) - t) * gradScale. {@code probs} and
 * {@code grad} share the logits' offset; either may be null. Returns the summed loss in index order.
 *
 * <p>The loss is written as softplus(z) - t z = max(z, 0) + log(1 + e^-|z|) - t z, finite for any z.
 * Each vector's losses are added to a double total lane by lane, in index order.
 *
 * <p>Only whole, unmasked vectors are computed: the last {@code n % LANES} elements are copied into a
 * zero-padded per-thread buffer and go through the same code. Masked loads made the loop too large
 * for the JIT to inline {@link VectorMath#exp} and {@link VectorMath#log1pUnit}, and every vector
 * was then boxed on the heap (46 bytes per logit).
 */
public final class SigmoidBinaryCrossEntropy {
    private SigmoidBinaryCrossEntropy() {}

    /** Per-thread tail and loss buffer: logits, targets, probabilities, gradients, losses. */
    private static final ThreadLocal<float[]> BUFFER = ThreadLocal.withInitial(() -> new float[5 * LANES]);
    private static final int Z = 0, T = LANES, P = 2 * LANES, G = 3 * LANES, LOSS = 4 * LANES;

    public static double forwardBackward(float[] z, int zOff, int n, float[] targets, int tOff,
                                         float[] probs, float[] grad, float gradScale) {
        float[] buf = BUFFER.get();
        int full = n - n % LANES;
        double total = 0;
        for (int i = 0; i < full; i += LANES) {
            block(z, zOff + i, targets, tOff + i, probs, zOff + i, grad, zOff + i, gradScale, buf);
            total = addLosses(total, buf, LANES);
        }
        int tail = n - full;
        if (tail > 0) {
            for (int k = 0; k < LANES; k++) {
                buf[Z + k] = k < tail ? z[zOff + full + k] : 0f;
                buf[T + k] = k < tail ? targets[tOff + full + k] : 0f;
            }
            block(buf, Z, buf, T, buf, P, buf, G, gradScale, buf);
            total = addLosses(total, buf, tail);
            for (int k = 0; k < tail; k++) {
                if (probs != null) {
                    probs[zOff + full + k] = buf[P + k];
                }
                if (grad != null) {
                    grad[zOff + full + k] = buf[G + k];
                }
            }
        }
        return total;
    }

    /** One vector of LANES logits; its losses go to {@code buf[LOSS..]}. */
    private static void block(float[] z, int zOff, float[] targets, int tOff, float[] probs, int pOff,
                              float[] grad, int gOff, float gradScale, float[] buf) {
        FloatVector x = FloatVector.fromArray(SPECIES, z, zOff);
        FloatVector t = FloatVector.fromArray(SPECIES, targets, tOff);
        FloatVector e = VectorMath.exp(x.abs().neg());
        x.max(0f).add(VectorMath.log1pUnit(e)).sub(t.mul(x)).intoArray(buf, LOSS);
        // s(x) = 1 / (1 + e^-x) for x >= 0, e^x / (1 + e^x) for x < 0: both reuse e = e^-|x|
        FloatVector p = FloatVector.broadcast(SPECIES, 1f).blend(e, x.lt(0f)).div(e.add(1f));
        if (probs != null) {
            p.intoArray(probs, pOff);
        }
        if (grad != null) {
            p.sub(t).mul(gradScale).intoArray(grad, gOff);
        }
    }

    private static double addLosses(double total, float[] buf, int count) {
        for (int k = 0; k < count; k++) {
            total += buf[LOSS + k];
        }
        return total;
    }
}
