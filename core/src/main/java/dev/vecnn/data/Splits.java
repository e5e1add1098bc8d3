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
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (digit + 1)));
        int[] picked = balancedIndices(data.labels(), data.classes(), digit, perSide, random, data.name());
        int[] mix = permutation(picked.length, random.nextLong());
        int[] ordered = new int[picked.length];
        for (int i = 0; i < picked.length; i++) ordered[i] = picked[mix[i]];
        Dataset subset = data.select(data.name() + "-digit" + digit, ordered);
        return binarize(subset, digit);
    }

    /**
     * The rows of a test set balanced like {@link #oneVsRestBalanced}'s subsets, for judging a one-vs-rest
     * model: every row of {@code digit} and as many of the other classes, drawn the same way with
     * {@code seed}; ascending. A class with fewer rows than its portion gives all it has (the subset is then
     * smaller), where a training subset must be exact.
     */
    public static int[] balancedTestRows(int[] labels, int classes, int digit, long seed) {
        int positives = 0;
        for (int label : labels) if (label == digit) positives++;
        int[] rows = balancedIndices(labels, classes, digit, positives, new SplittableRandom(seed), null);
        java.util.Arrays.sort(rows);
        return rows;
    }

    /**
     * {@code perSide} rows of {@code digit} and {@code perSide} of the other classes in near-equal portions
     * (the first classes take one more when it does not divide), each portion a uniform draw without
     * replacement from its class; in draw order. A class short of its portion throws, naming the set
     * {@code name}, or with a null name gives all its rows.
     */
    private static int[] balancedIndices(int[] labels, int classes, int digit, int perSide, SplittableRandom random,
                                         String name) {
        int[][] byClass = indicesByClass(labels, classes);
        int others = classes - 1;
        int[] picked = new int[2 * perSide];
        int n = take(byClass[digit], perSide, random, picked, 0, name, digit);
        int base = perSide / others;
        int extra = perSide % others;
        int seen = 0;
        for (int c = 0; c < classes; c++) {
            if (c == digit) continue;
            int want = base + (seen++ < extra ? 1 : 0);
            n = take(byClass[c], want, random, picked, n, name, c);
        }
        return n == picked.length ? picked : java.util.Arrays.copyOf(picked, n);
    }

    /** Labels 1 for {@code digit} and 0 for every other class, on the same rows. */
    public static Dataset binarize(Dataset data, int digit) {
        int[] labels = new int[data.rows()];
        for (int i = 0; i < labels.length; i++) labels[i] = data.labels()[i] == digit ? 1 : 0;
        return data.withLabels(data.name() + "-is" + digit, labels, 2);
    }

    private static int take(int[] pool, int want, SplittableRandom random, int[] out, int n, String name, int cls) {
        if (pool.length < want && name == null) {
            want = pool.length;
        } else if (pool.length < want) {
            throw new IllegalArgumentException(name + " has only " + pool.length + " rows of class " + cls
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

    private static int[][] indicesByClass(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) counts[label]++;
        int[][] byClass = new int[classes][];
        for (int c = 0; c < classes; c++) byClass[c] = new int[counts[c]];
        int[] fill = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            byClass[c][fill[c]++] = i;
        }
        return byClass;
    }
}
