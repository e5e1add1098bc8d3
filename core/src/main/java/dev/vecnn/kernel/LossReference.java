package dev.vecnn.kernel;

/** Scalar oracles for {@link SoftmaxCrossEntropy} and {@link SigmoidBinaryCrossEntropy}. */
public final class LossReference {
    private LossReference() {}

    public static double softmaxCrossEntropy(float[] z, int off, int rows, int cols, int ld,
                                             int[] labels, int labelsOff,
                                             float[] probs, float[] grad, float gradScale) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int row = off + r * ld;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, z[row + j]);
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += Math.exp(z[row + j] - max);
            double logSum = Math.log(sum);
            int label = labels[labelsOff + r];
            total += -(z[row + label] - max - logSum);
            for (int j = 0; j < cols; j++) {
                double p = Math.exp(z[row + j] - max - logSum);
                if (probs != null) probs[row + j] = (float) p;
                if (grad != null) grad[row + j] = (float) ((p - (j == label ? 1 : 0)) * gradScale);
            }
        }
        return total;
    }

    public static double sigmoidBinaryCrossEntropy(float[] z, int zOff, int n, float[] targets, int tOff,
                                                   float[] probs, float[] grad, float gradScale) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            double x = z[zOff + i];
            double t = targets[tOff + i];
            // -[t log s(x) + (1-t) log(1-s(x))] = softplus(x) - t*x, written to stay finite for large |x|
            double softplus = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
            total += softplus - t * x;
            double p = 1.0 / (1.0 + Math.exp(-x));
            if (probs != null) probs[zOff + i] = (float) p;
            if (grad != null) grad[zOff + i] = (float) ((p - t) * gradScale);
        }
        return total;
    }
}
