package dev.vecnn.data;

import java.util.SplittableRandom;

/** Seeded splits and subsets. The same seed gives the same rows on every machine. */
public final class Splits {
    private Splits() {}

    /** A training set and the validation set held out of it. */
    public record TrainValidation(Dataset train, Dataset validation) {}

    /**
     * Shuffles the rows with {@code seed} and holds out the last {@code validationRows} of them
     * (seed 004: 48,000 / 12,000 from the 60,000 training images).
     */
    public static TrainValidation holdOut(Dataset data, int validationRows, long seed) {
        int[][] rows = holdOutRows(data.rows(), validationRows, seed, data.name());
        return new TrainValidation(data.select(data.name() + "-train", rows[0]),
                data.select(data.name() + "-validation", rows[1]));
    }

    /** The rows {@link #holdOut} keeps for training ([0]) and holds out ([1]) of a set of {@code rows} named {@code name}. */
    public static int[][] holdOutRows(int rows, int validationRows, long seed, String name) {
        if (validationRows < 0 || validationRows >= rows) {
            throw new IllegalArgumentException("validation size " + validationRows + " must be in [0, "
                    + rows + ") for " + name);
        }
        int[] order = permutation(rows, seed);
        int trainRows = rows - validationRows;
        return new int[][] {java.util.Arrays.copyOfRange(order, 0, trainRows),
                java.util.Arrays.copyOfRange(order, trainRows, rows)};
    }

    /** A seeded random permutation of 0..n-1 (Fisher-Yates). */
    public static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * The balanced one-vs-rest training subset of seed 000 for {@code digit}: {@code perSide} images
     * of the digit plus {@code perSide} drawn as evenly as possible from the other classes (5,000
     * over nine digits: 556 from the first five, 555 from the rest), chosen and mixed with
     * {@code seed}. Labels become 1 for the digit and 0 for the rest.
     */
    public static Dataset oneVsRestBalanced(Dataset data, int digit, int perSide, long seed) {
        int classes = data.classes();
        int[][] byClass = indicesByClass(data);
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (digit + 1)));
        int others = classes - 1;
        int[] picked = new int[2 * perSide];
        int n = 0;
        n = take(byClass[digit], perSide, random, picked, n, data, digit);
        int base = perSide / others;
        int extra = perSide % others;
        int seen = 0;
        for (int c = 0; c < classes; c++) {
            if (c == digit) continue;
            int want = base + (seen++ < extra ? 1 : 0);
            n = take(byClass[c], want, random, picked, n, data, c);
        }
        int[] mix = permutation(picked.length, random.nextLong());
        int[] ordered = new int[picked.length];
        for (int i = 0; i < picked.length; i++) ordered[i] = picked[mix[i]];
        Dataset subset = data.select(data.name() + "-digit" + digit, ordered);
        return binarize(subset, digit);
    }

    /** Labels 1 for {@code digit} and 0 for every other class, on the same rows. */
    public static Dataset binarize(Dataset data, int digit) {
        int[] labels = new int[data.rows()];
        for (int i = 0; i < labels.length; i++) labels[i] = data.labels()[i] == digit ? 1 : 0;
        return data.withLabels(data.name() + "-is" + digit, labels, 2);
    }

    private static int take(int[] pool, int want, SplittableRandom random, int[] out, int n, Dataset data, int cls) {
        if (pool.length < want) {
            throw new IllegalArgumentException(data.name() + " has only " + pool.length + " rows of class " + cls
                    + ", fewer than the " + want + " the balanced subset needs");
        }
        int[] copy = pool.clone();
        // Partial Fisher-Yates: the first `want` entries become a uniform sample without replacement.
        for (int i = 0; i < want; i++) {
            int j = i + random.nextInt(copy.length - i);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
            out[n++] = copy[i];
        }
        return n;
    }

    private static int[][] indicesByClass(Dataset data) {
        int[] counts = data.classCounts();
        int[][] byClass = new int[data.classes()][];
        for (int c = 0; c < byClass.length; c++) byClass[c] = new int[counts[c]];
        int[] fill = new int[data.classes()];
        for (int i = 0; i < data.rows(); i++) {
            int c = data.labels()[i];
            byClass[c][fill[c]++] = i;
        }
        return byClass;
    }
}
