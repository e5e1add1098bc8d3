package dev.vecnn.kernel;

/** Scalar oracle for {@link SgdKernel}: the same operations in the same order. */
public final class SgdKernelReference {
    private SgdKernelReference() {}

    public static void update(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int len,
                               float lr, float momentum, float l1, float l2) {
        update(w, wOff, g, gOff, v, vOff, len, lr, momentum, l1, l2, false);
    }

    public static void update(float[] w, int wOff, float[] g, int gOff, float[] v, int vOff, int len,
                               float lr, float momentum, float l1, float l2, boolean nesterov) {
        for (int i = 0; i < len; i++) {
            float wi = w[wOff + i];
            float sign = wi > 0f ? 1f : (wi < 0f ? -1f : 0f);
            float grad = g[gOff + i] + l1 * sign + l2 * wi;
            if (v == null) {
                w[wOff + i] = wi - lr * grad;
            } else if (!nesterov) {
                float vi = momentum * v[vOff + i] - lr * grad;
                v[vOff + i] = vi;
                w[wOff + i] = wi + vi;
            } else {
                float step = lr * grad;
                float vi = momentum * v[vOff + i] - step;
                v[vOff + i] = vi;
                w[wOff + i] = wi + (momentum * vi - step);
            }
        }
    }
}
