package dev.vecnn.train;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.Workspace;

import java.util.Arrays;

/**
 * Runs a model forward over a dataset for loss, accuracy, confusion matrix, probabilities and
 * predicted classes. Threads take whole blocks of rows, each through every layer on the thread's own
 * one-thread GEMM and workspace, so a block's hidden activations stay in the cache of the core that
 * made them and a pass has one parallel region, not one per layer. Losses are added in block order
 * over fixed blocks of {@code chunkRows}, so the result does not depend on the threads. A dataset's pixels
 * go with its rows (see {@link Mlp#forward(Gemm, Workspace, float[], int, byte[], int, int)}). Keeps its
 * buffers between calls for the same architecture. Not thread-safe.
 */
public final class Evaluator {
    public static final int DEFAULT_CHUNK_ROWS = 1024;
    /** Fewest rows a task of a prediction pass takes (nothing is summed there, so any split gives the same answers). */
    static final int MIN_PREDICT_ROWS = 64;

    private final KernelPool pool;
    private final int chunkRows;
    private final KernelPool[] workerPools;
    private final Gemm[] workerGemms;
    private ModelConfig workspaceConfig;
    private Workspace[] workerSpaces;
    private double[] blockLosses = new double[0];
    /** Per block, per class: the sum of (p_k - t_k)^2 over the block's rows (softmax heads). */
    private double[] blockSquaredErrors = new double[0];
    private long[][] workerConfusion = new long[0][];

    public Evaluator(Gemm gemm) {
        this(gemm, DEFAULT_CHUNK_ROWS);
    }

    /** Uses {@code gemm}'s pool for its threads; each thread multiplies on a one-thread GEMM of its own. */
    public Evaluator(Gemm gemm, int chunkRows) {
        if (chunkRows < 1) throw new IllegalArgumentException("chunk rows must be positive, got " + chunkRows);
        this.pool = gemm.pool();
        this.chunkRows = chunkRows;
        int workers = pool.threads();
        this.workerPools = new KernelPool[workers];
        this.workerGemms = new Gemm[workers];
        for (int w = 0; w < workers; w++) {
            workerPools[w] = KernelPool.create(1); // runs inline: owns no thread, needs no closing
            workerGemms[w] = new Gemm(workerPools[w]);
        }
    }

    /** Loss, accuracy and confusion matrix; {@code threshold} is the sigmoid head's decision threshold. */
    public Evaluation evaluate(Mlp model, Dataset data, float threshold) {
        checkCompatible(model, data);
        Workspace[] spaces = workspacesFor(model);
        int classes = model.config().classes();
        int n = data.rows();
        int blocks = (n + chunkRows - 1) / chunkRows;
        if (blockLosses.length < blocks) blockLosses = new double[blocks];
        boolean softmax = model.config().head().softmax();
        if (softmax && blockSquaredErrors.length < blocks * classes) blockSquaredErrors = new double[blocks * classes];
        double[] squaredErrors = blockSquaredErrors;
        if (workerConfusion.length != spaces.length || workerConfusion[0].length != classes * classes) {
            workerConfusion = new long[spaces.length][classes * classes];
        }
        for (long[] c : workerConfusion) Arrays.fill(c, 0);
        double[] losses = blockLosses;
        long[][] confusions = workerConfusion;
        pool.run(blocks, (worker, b) -> {
            int r0 = b * chunkRows, rows = Math.min(chunkRows, n - r0);
            Workspace ws = spaces[worker];
            model.forward(workerGemms[worker], ws, data.buffer(), data.rowStart(r0), data.pixels(), r0 * data.features(), rows);
            losses[b] = model.lossAndPredict(workerPools[worker], ws, rows, data.labels(), r0, false, 1f, threshold);
            int[] predicted = ws.predictions();
            long[] confusion = confusions[worker];
            for (int r = 0; r < rows; r++) confusion[data.labels()[r0 + r] * classes + predicted[r]]++;
            if (softmax) squaredErrors(ws.probabilities(), rows, classes, data.labels(), r0, squaredErrors, b * classes);
        });
        double loss = 0;
        for (int b = 0; b < blocks; b++) loss += losses[b];
        int[][] confusion = new int[classes][classes];
        long correct = 0;
        for (long[] c : confusions) {
            for (int i = 0; i < classes; i++) {
                for (int j = 0; j < classes; j++) confusion[i][j] += (int) c[i * classes + j];
                correct += c[i * classes + i];
            }
        }
        double[] outputSquaredError = null;
        if (softmax) {
            outputSquaredError = new double[classes];
            for (int b = 0; b < blocks; b++) {
                for (int k = 0; k < classes; k++) outputSquaredError[k] += squaredErrors[b * classes + k];
            }
        }
        return new Evaluation(n, n == 0 ? Double.NaN : loss / n, n == 0 ? Double.NaN : (double) correct / n, confusion,
                outputSquaredError);
    }

    /** Per class, the sum over {@code rows} rows of (p_k - t_k)^2 into {@code out[outOff + k]}. */
    private static void squaredErrors(float[] probs, int rows, int classes, int[] labels, int labelsOff, double[] out, int outOff) {
        for (int k = 0; k < classes; k++) out[outOff + k] = 0;
        for (int r = 0; r < rows; r++) {
            int label = labels[labelsOff + r];
            for (int k = 0; k < classes; k++) {
                double d = probs[r * classes + k] - (k == label ? 1.0 : 0.0);
                out[outOff + k] += d * d;
            }
        }
    }

    /**
     * Output probabilities for {@code rows} rows of {@code x}: {@code rows x classes} for softmax,
     * {@code rows x 1} (probability of the positive class) for the sigmoid head.
     */
    public float[] probabilities(Mlp model, float[] x, int rows) {
        return probabilities(model, x, 0, rows);
    }

    /** As {@link #probabilities(Mlp, float[], int)} for the rows of {@code x} from {@code xOff}. */
    public float[] probabilities(Mlp model, float[] x, int xOff, int rows) {
        checkRows(model, x, xOff, rows);
        int outputs = model.config().outputs();
        float[] out = new float[rows * outputs];
        forEachBlock(model, x, xOff, rows, (ws, r0, n) -> {
            model.probabilities(ws, n);
            System.arraycopy(ws.probabilities(), 0, out, r0 * outputs, n * outputs);
        });
        return out;
    }

    /**
     * Predicted classes of {@code rows} rows of {@code x} from {@code xOff} into {@code out} from
     * {@code outOff}: the argmax for softmax, {@code p >= threshold} for the sigmoid head. Allocates nothing.
     */
    public void predict(Mlp model, float[] x, int xOff, int rows, float threshold, int[] out, int outOff) {
        checkRows(model, x, xOff, rows);
        if (outOff < 0 || outOff + rows > out.length) {
            throw new IllegalArgumentException(rows + " predictions do not fit from " + outOff + " in " + out.length);
        }
        forEachBlock(model, x, xOff, rows, (ws, r0, n) -> {
            model.predict(ws, n, threshold);
            System.arraycopy(ws.predictions(), 0, out, outOff + r0, n);
        });
    }

    /** What a prediction pass does with one block after its forward pass: rows [r0, r0 + n) of the call. */
    private interface BlockSink {
        void accept(Workspace ws, int r0, int n);
    }

    /** Forward passes over the rows, cut into one part per task and each part into workspace-sized blocks. */
    private void forEachBlock(Mlp model, float[] x, int xOff, int rows, BlockSink sink) {
        if (rows == 0) return;
        Workspace[] spaces = workspacesFor(model);
        int features = model.config().inputs();
        int parts = pool.parts(rows, MIN_PREDICT_ROWS);
        pool.run(parts, (worker, part) -> {
            int from = KernelPool.partStart(rows, parts, part, 1), to = KernelPool.partStart(rows, parts, part + 1, 1);
            for (int r0 = from; r0 < to; r0 += chunkRows) {
                int n = Math.min(chunkRows, to - r0);
                model.forward(workerGemms[worker], spaces[worker], x, xOff + r0 * features, n);
                sink.accept(spaces[worker], r0, n);
            }
        });
    }

    private Workspace[] workspacesFor(Mlp model) {
        if (workerSpaces == null || !model.config().equals(workspaceConfig)) {
            workerSpaces = new Workspace[workerGemms.length];
            for (int w = 0; w < workerSpaces.length; w++) workerSpaces[w] = model.workspace(chunkRows);
            workspaceConfig = model.config();
        }
        return workerSpaces;
    }

    private static void checkRows(Mlp model, float[] x, int xOff, int rows) {
        int features = model.config().inputs();
        if (rows < 0 || xOff < 0 || xOff + (long) rows * features > x.length) {
            throw new IllegalArgumentException(rows + " rows of " + features + " features from " + xOff + " need "
                    + (xOff + (long) rows * features) + " values, got " + x.length);
        }
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
