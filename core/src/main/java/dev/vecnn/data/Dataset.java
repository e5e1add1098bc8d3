package dev.vecnn.data;

import java.util.Arrays;

/**
 * Examples as one flat row-major {@code float[]} (rows x features) with an integer label per row.
 * Labels are class indices in [0, classes); a binary task has classes == 2 and labels 0/1.
 * The arrays are owned by the dataset: callers treat them as read-only.
 */
public record Dataset(String name, float[] x, int rows, int features, int[] labels, int classes) {

    public Dataset {
        if (rows < 0 || features <= 0) {
            throw new IllegalArgumentException("dataset " + name + ": bad shape " + rows + " x " + features);
        }
        if (x.length != (long) rows * features) {
            throw new IllegalArgumentException("dataset " + name + ": " + x.length
                    + " values for " + rows + " x " + features);
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException("dataset " + name + ": " + labels.length + " labels for " + rows + " rows");
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("dataset " + name + ": label " + label + " outside [0, " + classes + ")");
            }
        }
    }

    /** The rows at {@code indices}, in that order, as a new dataset. */
    public Dataset select(String newName, int[] indices) {
        float[] nx = new float[indices.length * features];
        int[] nl = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(x, indices[i] * features, nx, i * features, features);
            nl[i] = labels[indices[i]];
        }
        return new Dataset(newName, nx, indices.length, features, nl, classes);
    }

    /** Same features, new labels (for example a one-vs-rest binarisation). */
    public Dataset withLabels(String newName, int[] newLabels, int newClasses) {
        return new Dataset(newName, x, rows, features, newLabels, newClasses);
    }

    /** Same labels, new feature values of the same shape (for example after normalisation). */
    public Dataset withFeatures(String newName, float[] newX) {
        return new Dataset(newName, newX, rows, features, labels, classes);
    }

    /** Number of rows per class. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : labels) counts[label]++;
        return counts;
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + rows + " x " + features + ", " + classes + " classes, counts "
                + Arrays.toString(classCounts()) + "]";
    }
}
