package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Fused sigmoid + binary cross-entropy over n logits with 0/1 targets.
 * loss_i = -[t log s(z) + (1-t) log(1-s(z))], grad_i = (s(z) - t) * gradScale. {@code probs} and
 * {@code grad} share the logits' offset; either may be null. Returns the summed loss in index order.
 *
 * <p>The loss is written as softplus(z) - t z = max(z, 0) + log(1 + e^-|z|) - t z, finite for any z.
 * Each vector's losses are summed in a fixed lane order and added to a double total in index order.
 */
public final class SigmoidBinaryCrossEntropy {
    private SigmoidBinaryCrossEntropy() {}

    public static double forwardBackward(float[] z, int zOff, int n, float[] targets, int tOff,
                                         float[] probs, float[] grad, float gradScale) {
        double total = 0;
        for (int i = 0; i < n; i += LANES) {
            VectorMask<Float> m = SPECIES.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(SPECIES, z, zOff + i, m);
            FloatVector t = FloatVector.fromArray(SPECIES, targets, tOff + i, m);
            FloatVector e = VectorMath.exp(x.abs().neg());
            FloatVector loss = x.max(0f).add(VectorMath.log1pUnit(e)).sub(t.mul(x));
            total += VectorMath.sumLanes(loss.blend(0f, m.not()));
            // s(x) = 1 / (1 + e^-x) for x >= 0, e^x / (1 + e^x) for x < 0: both reuse e = e^-|x|
            FloatVector onePlus = e.add(1f);
            FloatVector p = FloatVector.broadcast(SPECIES, 1f).blend(e, x.lt(0f)).div(onePlus);
            if (probs != null) {
                p.intoArray(probs, zOff + i, m);
            }
            if (grad != null) {
                p.sub(t).mul(gradScale).intoArray(grad, zOff + i, m);
            }
        }
        return total;
    }
}
