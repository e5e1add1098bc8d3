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

    /**
     * R^2 (coefficient of determination) of the predicted class indices against the true ones, as
     * scikit-learn's {@code r2_score(y_true, y_pred)} gives it on digit labels: 1 minus the squared
     * differences of label numbers over their variance. Not a fraction of correct predictions: it is
     * negative when predictions are worse than always answering the mean label (a candidate for seed
     * 000's negative "accuracies"; docs/design/hypotheses.md, B1). NaN when every row has one label.
     */
    public double labelR2() {
        long n = 0;
        double sum = 0;
        for (int a = 0; a < confusion.length; a++) {
            for (int p = 0; p < confusion.length; p++) {
                n += confusion[a][p];
                sum += (double) a * confusion[a][p];
            }
        }
        if (n == 0) return Double.NaN;
        double mean = sum / n, residual = 0, total = 0;
        for (int a = 0; a < confusion.length; a++) {
            for (int p = 0; p < confusion.length; p++) {
                residual += confusion[a][p] * (double) (a - p) * (a - p);
                total += confusion[a][p] * (a - mean) * (a - mean);
            }
        }
        return total == 0 ? Double.NaN : 1 - residual / total;
    }
}
