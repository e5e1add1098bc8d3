package dev.vecnn.train;

/**
 * A model measured on a labelled dataset.
 *
 * @param loss      mean cross-entropy per example
 * @param accuracy  fraction of rows predicted right
 * @param confusion {@code confusion[actual][predicted]} row counts
 */
public record Evaluation(int rows, double loss, double accuracy, int[][] confusion) {

    public int classes() {
        return confusion.length;
    }

    /** Accuracy within each actual class (recall); NaN for a class with no rows. */
    public double[] perClassAccuracy() {
        double[] acc = new double[confusion.length];
        for (int c = 0; c < confusion.length; c++) {
            long total = 0;
            for (int n : confusion[c]) total += n;
            acc[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
        }
        return acc;
    }
}
