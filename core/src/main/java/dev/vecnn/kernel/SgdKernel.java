package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** The SGD parameter update, elementwise: its split over threads never changes a bit. */
public final class SgdKernel {
    private SgdKernel() {}

    /**
     * One SGD step with optional classical momentum and L1/L2 terms:
     * d = g + l1 * sign(w) + l2 * w; with v: v = momentum * v - lr * d, w += v; without (v null): w -= lr * d.
     * {@code l2} is the coefficient of w in the gradient (the caller decides whether the penalty is
     * lambda*|w|^2 or lambda/2*|w|^2). Same operation order as the reference, so the same bits.
     */
    public static void update(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int len,
                               float lr, float momentum, float l1, float l2) {
        update(w, wOff, g, gOff, v, vOff, len, lr, momentum, l1, l2, false);
    }

    /**
     * As {@link #update(float[], int, float[], int, float[], int, int, float, float, float, float)}, and with
     * {@code nesterov} (and v not null) the Nesterov velocity form: v = momentum * v - lr * d,
     * w += momentum * v - lr * d.
     */
    public static void update(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int len,
                               float lr, float momentum, float l1, float l2, boolean nesterov) {
        // Full vectors without masks, one loop per variant (no momentum test inside the loop). The last
        // len % LANES elements go through the scalar reference, which does the same operations in the same
        // order (no fused multiply-add), so the bits match.
        int full = len - len % LANES;
        FloatVector zero = FloatVector.zero(SPECIES);
        if (v == null) {
            for (int i = 0; i < full; i += LANES) {
                FloatVector wi = FloatVector.fromArray(SPECIES, w, wOff + i);
                FloatVector sign = zero.blend(1f, wi.compare(VectorOperators.GT, 0f)).blend(-1f, wi.lt(0f));
                FloatVector grad = FloatVector.fromArray(SPECIES, g, gOff + i).add(sign.mul(l1)).add(wi.mul(l2));
                wi.sub(grad.mul(lr)).intoArray(w, wOff + i);
            }
        } else if (!nesterov) {
            for (int i = 0; i < full; i += LANES) {
                FloatVector wi = FloatVector.fromArray(SPECIES, w, wOff + i);
                FloatVector sign = zero.blend(1f, wi.compare(VectorOperators.GT, 0f)).blend(-1f, wi.lt(0f));
                FloatVector grad = FloatVector.fromArray(SPECIES, g, gOff + i).add(sign.mul(l1)).add(wi.mul(l2));
                FloatVector vi = FloatVector.fromArray(SPECIES, v, vOff + i).mul(momentum).sub(grad.mul(lr));
                vi.intoArray(v, vOff + i);
                wi.add(vi).intoArray(w, wOff + i);
            }
        } else {
            for (int i = 0; i < full; i += LANES) {
                FloatVector wi = FloatVector.fromArray(SPECIES, w, wOff + i);
                FloatVector sign = zero.blend(1f, wi.compare(VectorOperators.GT, 0f)).blend(-1f, wi.lt(0f));
                FloatVector grad = FloatVector.fromArray(SPECIES, g, gOff + i).add(sign.mul(l1)).add(wi.mul(l2));
                FloatVector step = grad.mul(lr);
                FloatVector vi = FloatVector.fromArray(SPECIES, v, vOff + i).mul(momentum).sub(step);
                vi.intoArray(v, vOff + i);
                wi.add(vi.mul(momentum).sub(step)).intoArray(w, wOff + i);
            }
        }
        SgdKernelReference.update(w, wOff + full, g, gOff + full, v, v == null ? 0 : vOff + full, len - full,
                lr, momentum, l1, l2, nesterov);
    }
}
