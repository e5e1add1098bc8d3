package dev.vecnn.kernel;

/** Scalar oracle for {@link Activations}. */
public final class ActivationsReference {
    private ActivationsReference() {}

    /** y = f(x), elementwise; x and y may be the same range. */
    public static void forward(Activation f, float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            float v = x[xOff + i];
            y[yOff + i] = switch (f) {
                case IDENTITY -> v;
                case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-v)));
                case TANH -> (float) Math.tanh(v);
                case RELU -> v > 0f ? v : 0f;
            };
        }
    }

    /** dx = dy * f'(x), with f' written through the stored output y = f(x); dy and dx may alias. */
    public static void backward(Activation f, float[] y, int yOff, float[] dy, int dyOff,
                                float[] dx, int dxOff, int len) {
        for (int i = 0; i < len; i++) {
            float out = y[yOff + i];
            float g = dy[dyOff + i];
            dx[dxOff + i] = switch (f) {
                case IDENTITY -> g;
                case SIGMOID -> g * out * (1f - out);
                case TANH -> g * (1f - out * out);
                case RELU -> out > 0f ? g : 0f;
            };
        }
    }
}
