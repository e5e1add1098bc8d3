package dev.vecnn.train;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.Workspace;

/**
 * Runs a model forward over a dataset in fixed-size chunks (losses added in chunk order, so the
 * result does not depend on threads) for loss, accuracy, confusion matrix and probabilities.
 * Keeps its buffers between calls for the same architecture. Not thread-safe.
 */
public final class Evaluator {
    public static final int DEFAULT_CHUNK_ROWS = 1024;

    private final Gemm gemm;
    private final int chunkRows;
    private ModelConfig workspaceConfig;
    private Workspace workspace;

    public Evaluator(Gemm gemm) {
        this(gemm, DEFAULT_CHUNK_ROWS);
    }

    public Evaluator(Gemm gemm, int chunkRows) {
        if (chunkRows < 1) throw new IllegalArgumentException("chunk rows must be positive, got " + chunkRows);
        this.gemm = gemm;
        this.chunkRows = chunkRows;
    }

    /** Loss, accuracy and confusion matrix; {@code threshold} is the sigmoid head's decision threshold. */
    public Evaluation evaluate(Mlp model, Dataset data, float threshold) {
        checkCompatible(model, data);
        Workspace ws = workspaceFor(model);
        int classes = model.config().classes();
        int[][] confusion = new int[classes][classes];
        double loss = 0;
        long correct = 0;
        for (int r0 = 0; r0 < data.rows(); r0 += chunkRows) {
            int rows = Math.min(chunkRows, data.rows() - r0);
            model.forward(gemm, ws, data.x(), r0 * data.features(), rows);
            loss += model.lossAndPredict(gemm.pool(), ws, rows, data.labels(), r0, false, 1f, threshold);
            int[] predicted = ws.predictions();
            for (int r = 0; r < rows; r++) {
                int actual = data.labels()[r0 + r];
                confusion[actual][predicted[r]]++;
                if (actual == predicted[r]) correct++;
            }
        }
        int n = data.rows();
        return new Evaluation(n, n == 0 ? Double.NaN : loss / n, n == 0 ? Double.NaN : (double) correct / n, confusion);
    }

    /**
     * Output probabilities for {@code rows} rows of {@code x}: {@code rows x classes} for softmax,
     * {@code rows x 1} (probability of the positive class) for the sigmoid head.
     */
    public float[] probabilities(Mlp model, float[] x, int rows) {
        int features = model.config().inputs();
        if ((long) rows * features > x.length) {
            throw new IllegalArgumentException(rows + " rows of " + features + " features need " + (long) rows * features
                    + " values, got " + x.length);
        }
        int outputs = model.config().outputs();
        float[] out = new float[rows * outputs];
        Workspace ws = workspaceFor(model);
        for (int r0 = 0; r0 < rows; r0 += chunkRows) {
            int n = Math.min(chunkRows, rows - r0);
            model.forward(gemm, ws, x, r0 * features, n);
            model.probabilities(ws, n);
            System.arraycopy(ws.probabilities(), 0, out, r0 * outputs, n * outputs);
        }
        return out;
    }

    private Workspace workspaceFor(Mlp model) {
        if (workspace == null || !model.config().equals(workspaceConfig)) {
            workspace = model.workspace(chunkRows);
            workspaceConfig = model.config();
        }
        return workspace;
    }

    static void checkCompatible(Mlp model, Dataset data) {
        ModelConfig c = model.config();
        if (data.features() != c.inputs()) {
            throw new IllegalArgumentException("dataset " + data.name() + " has " + data.features()
                    + " features but the model takes " + c.inputs());
        }
        if (data.classes() != c.classes()) {
            throw new IllegalArgumentException("dataset " + data.name() + " has " + data.classes()
                    + " classes but the model predicts " + c.classes()
                    + (c.classes() == 2 ? " (binarise the labels for a one-vs-rest neuron)" : ""));
        }
    }
}
