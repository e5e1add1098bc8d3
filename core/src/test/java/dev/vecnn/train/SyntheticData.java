package dev.vecnn.train;

import dev.vecnn.data.Dataset;
import dev.vecnn.nn.Rng;

/** Small labelled datasets for tests, generated from a seed. */
public final class SyntheticData {
    private SyntheticData() {}

    /**
     * Gaussian blobs: class c is centred at {@code separation} on feature c (and 0 elsewhere), with
     * noise of standard deviation {@code noise} on every feature. With separation well above the
     * noise, the classes are linearly separable.
     */
    public static Dataset blobs(String name, int rows, int features, int classes, float separation, float noise, long seed) {
        if (classes > features) throw new IllegalArgumentException("need a feature per class");
        Rng rng = new Rng(seed);
        float[] x = new float[rows * features];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            int c = r % classes;
            labels[r] = c;
            for (int f = 0; f < features; f++) {
                x[r * features + f] = (float) (rng.nextGaussian() * noise) + (f == c ? separation : 0f);
            }
        }
        return new Dataset(name, x, rows, features, labels, classes);
    }

    /** Uniform random features and labels: nothing to learn, but every path runs. */
    public static Dataset noise(String name, int rows, int features, int classes, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[rows * features];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextDouble() * 2 - 1);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) labels[r] = rng.nextInt(classes);
        return new Dataset(name, x, rows, features, labels, classes);
    }

    /** Class {@code positive} against the rest, as a 0/1 dataset. */
    public static Dataset binarise(Dataset d, int positive) {
        int[] labels = new int[d.rows()];
        for (int r = 0; r < labels.length; r++) labels[r] = d.labels()[r] == positive ? 1 : 0;
        return d.withLabels(d.name() + "-" + positive, labels, 2);
    }
}
