package dev.vecnn.kernel;

/** Elementwise activations, forward and backward (see {@link ActivationsReference} for the meaning). */
public final class Activations {
    private Activations() {}

    public static void forward(Activation f, float[] x, int xOff, float[] y, int yOff, int len) {
        ActivationsReference.forward(f, x, xOff, y, yOff, len);
    }

    public static void backward(Activation f, float[] y, int yOff, float[] dy, int dyOff,
                                float[] dx, int dxOff, int len) {
        ActivationsReference.backward(f, y, yOff, dy, dyOff, dx, dxOff, len);
    }
}
