package dev.vecnn.data;

import dev.vecnn.kernel.LineAlignment;
import dev.vecnn.kernel.PixelDecode;
import dev.vecnn.kernel.PixelDecodeReference;
import java.util.Arrays;

/**
 * Examples as flat row-major values (rows x features) with an integer label per row.
 * Labels are class indices in [0, classes); a binary task has classes == 2 and labels 0/1.
 * The rows are the last rows x features values of {@code buffer}, from {@link #offset()}: the few values
 * before them (at most {@link LineAlignment#MAX_PAD}, none unless the buffer came from {@link #newValues})
 * put the first row on a cache line in a large array. Row r starts at {@link #rowStart}(r); {@link #values()}
 * is the rows without the pad. The arrays are owned by the dataset: callers treat them as read-only.
 *
 * <p>{@code pixels}, when not null, holds the 8-bit pixels the values were decoded from, row-major with no
 * pad: value i is exactly {@link PixelDecodeReference#value}(pixels[i]). A pass that streams the rows
 * may read them from it, a quarter of the bytes, and decode them in cache ({@link PixelDecode}); the
 * numbers are the same either way. Anything that gives the rows new values drops it.
 */
public record Dataset(String name, float[] buffer, int rows, int features, int[] labels, int classes, byte[] pixels) {

    public Dataset {
        if (rows < 0 || features <= 0) {
            throw new IllegalArgumentException("dataset " + name + ": bad shape " + rows + " x " + features);
        }
        long pad = buffer.length - (long) rows * features;
        if (pad < 0 || pad > LineAlignment.MAX_PAD) {
            throw new IllegalArgumentException("dataset " + name + ": " + buffer.length
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
        if (pixels != null && pixels.length != (long) rows * features) {
            throw new IllegalArgumentException("dataset " + name + ": " + pixels.length + " pixels for " + rows + " x " + features);
        }
    }

    /** Values with no pixels behind them. */
    public Dataset(String name, float[] buffer, int rows, int features, int[] labels, int classes) {
        this(name, buffer, rows, features, labels, classes, null);
    }

    /**
     * A zeroed array for {@code values} row values, padded at the front so that in a large array the
     * first row starts on a cache line; a dataset made on it finds its rows from its end.
     */
    public static float[] newValues(int values) {
        return LineAlignment.newPadded(values);
    }

    /** Index in {@link #buffer()} of the first row's first value. */
    public int offset() {
        return valuesStart(buffer, rows * features);
    }

    /** Where the last {@code values} values of {@code buffer} start: the rows of a buffer from {@link #newValues}. */
    public static int valuesStart(float[] buffer, int values) {
        return buffer.length - values;
    }

    /** Index in {@link #buffer()} of row {@code row}'s first value. */
    public int rowStart(int row) {
        return offset() + row * features;
    }

    /** The row values without any leading pad: {@link #buffer()} itself when it has none, else a copy. */
    public float[] values() {
        int off = offset();
        return off == 0 ? buffer : Arrays.copyOfRange(buffer, off, buffer.length);
    }

    /** The rows at {@code indices}, in that order, as a new dataset. */
    public Dataset select(String newName, int[] indices) {
        int values = Math.multiplyExact(indices.length, features);
        float[] nx = newValues(values);
        int to = valuesStart(nx, values);
        int[] nl = new int[indices.length];
        byte[] np = pixels == null ? null : new byte[values];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(buffer, rowStart(indices[i]), nx, to + i * features, features);
            if (np != null) System.arraycopy(pixels, indices[i] * features, np, i * features, features);
            nl[i] = labels[indices[i]];
        }
        return new Dataset(newName, nx, indices.length, features, nl, classes, np);
    }

    /** Same features, new labels (for example a one-vs-rest binarisation). */
    public Dataset withLabels(String newName, int[] newLabels, int newClasses) {
        return new Dataset(newName, buffer, rows, features, newLabels, newClasses, pixels);
    }

    /** Same labels, a new buffer of the same shape and pad (for example after normalisation), no pixels. */
    public Dataset withFeatures(String newName, float[] newBuffer) {
        return new Dataset(newName, newBuffer, rows, features, labels, classes);
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
