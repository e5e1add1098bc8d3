package dev.vecnn.bench.layout;

import java.util.SplittableRandom;

/**
 * A reproducible random batch with the shape of MNIST: pixels in [0, 1), labels uniform over the
 * classes. Speed does not depend on the values, so no real data is needed. {@link #xT} is the same
 * batch stored feature-major ({@code features x rows}), built only when asked for.
 */
public final class SyntheticData {
    public final int rows;
    public final int features;
    /** Batch-major pixels, {@code rows x features}. */
    public final float[] x;
    public final int[] labels;
    /** Labels as floats (0/1 targets of the sigmoid head). */
    public final float[] targets;
    private float[] xT;

    public SyntheticData(int rows, int features, int classes, long seed) {
        this.rows = rows;
        this.features = features;
        SplittableRandom r = new SplittableRandom(seed);
        x = new float[Math.multiplyExact(rows, features)];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        labels = new int[rows];
        targets = new float[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = r.nextInt(classes);
            targets[i] = labels[i];
        }
    }

    /** Feature-major pixels, {@code features x rows}. */
    public float[] xT() {
        if (xT == null) {
            xT = new float[x.length];
            for (int i = 0; i < rows; i++) {
                for (int f = 0; f < features; f++) xT[f * rows + i] = x[i * features + f];
            }
        }
        return xT;
    }
}
