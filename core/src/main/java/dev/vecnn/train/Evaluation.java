package dev.vecnn.train;

/**
 * A model measured on a labelled dataset.
 *
 * @param loss      mean cross-entropy per example
 * @param accuracy  fraction of rows predicted right
 * @param confusion {@code confusion[actual][predicted]} row counts
 * @param outputSquaredError per class k, the sum over rows of (p_k - t_k)^2, softmax outputs against the
 *                  one-hot labels; null for the sigmoid head
 */
public record Evaluation(int rows, double loss, double accuracy, int[][] confusion, double[] outputSquaredError) {

    public Evaluation(int rows, double loss, double accuracy, int[][] confusion) {
        this(rows, loss, accuracy, confusion, null);
    }

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

    /**
     * R^2 of the softmax outputs against the one-hot labels, averaged over the classes, as scikit-learn's
     * {@code r2_score(onehot, probabilities)} gives it (multi-output, uniform average): negative while the
     * outputs are further from one-hot than the class frequencies are (docs/design/hypotheses.md, B2).
     * NaN without the softmax outputs' errors or when a class has no row or every row.
     */
    public double oneHotR2() {
        if (outputSquaredError == null || rows == 0) return Double.NaN;
        double sum = 0;
        for (int k = 0; k < confusion.length; k++) {
            long count = 0;
            for (int n : confusion[k]) count += n;
            double total = count * (1.0 - (double) count / rows); // sum of (t_k - mean)^2 for 0/1 targets
            if (total == 0) return Double.NaN;
            sum += 1 - outputSquaredError[k] / total;
        }
        return sum / confusion.length;
    }
}
