package dev.vecnn.api;

import dev.vecnn.data.Dataset;
import dev.vecnn.data.MnistFetcher;
import dev.vecnn.data.MnistLoader;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.Workspace;
import dev.vecnn.train.Evaluation;
import dev.vecnn.train.Evaluator;
import dev.vecnn.train.TrainConfig;
import dev.vecnn.train.Trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * vecnn as a library: trains, evaluates and runs models, and multiplies matrices, on a pool of
 * kernel threads that {@link #close} stops. The thread count changes speed only: the same settings
 * and seed give the same bits on any number of threads. Calls on one instance are serialised.
 *
 * <pre>{@code
 * try (Vecnn vecnn = Vecnn.create(2)) {
 *     Trained t = vecnn.train(TrainConfig.defaults(ModelSpec.inputs(784).hidden(128, Activation.TANH).softmax(10)), train);
 *     double accuracy = vecnn.evaluate(t.model(), test).accuracy();
 * }
 * }</pre>
 */
public final class Vecnn implements AutoCloseable {
    /** Most threads a pool may have (as the CLI's --threads): far past any useful count, short of exhausting the OS. */
    public static final int MAX_THREADS = 1024;

    private final KernelPool pool;
    private final Gemm gemm;
    private final Evaluator evaluator;
    private boolean closed;

    private Vecnn(int threads) {
        checkThreads(threads);
        pool = KernelPool.create(threads);
        gemm = new Gemm(pool);
        evaluator = new Evaluator(gemm);
    }

    /** A pool with one thread per processor. */
    public static Vecnn create() {
        return new Vecnn(Math.min(KernelPool.defaultThreads(), MAX_THREADS));
    }

    /** A pool of {@code threads} threads (the caller's own thread counts as one), 1 to {@link #MAX_THREADS}. */
    public static Vecnn create(int threads) {
        return new Vecnn(threads);
    }

    /** The pool's thread count, caller included. */
    public int threads() {
        return pool.threads();
    }

    /** Trains a freshly initialised model on {@code train} alone; see {@link #train(TrainConfig, Dataset, Dataset, Dataset)}. */
    public Trained train(TrainConfig settings, Dataset train) {
        return train(settings, train, null, null);
    }

    /**
     * Trains a model from the seed in {@code settings} (model, learning rate, momentum, batch size,
     * epochs, ...: see {@link TrainConfig}). {@code validation} and {@code test} may be null; they
     * are measured each evaluated epoch, and early stopping (patience) needs a validation set. A run
     * that diverges does not throw: check {@code result().status()}.
     */
    public synchronized Trained train(TrainConfig settings, Dataset train, Dataset validation, Dataset test) {
        checkOpen();
        if (settings == null) throw new IllegalArgumentException("the training settings must not be null");
        if (train == null) throw new IllegalArgumentException("the training set must not be null");
        var result = new Trainer(settings, pool).train(train, validation, test);
        return new Trained(new Model(result.model(), settings, Map.of()), result);
    }

    /** Mean loss, accuracy and confusion matrix of {@code model} on {@code data}. */
    public synchronized Evaluation evaluate(Model model, Dataset data) {
        checkOpen();
        if (model == null) throw new IllegalArgumentException("the model to evaluate must not be null");
        if (data == null) throw new IllegalArgumentException("the dataset to evaluate on must not be null");
        return evaluator.evaluate(model.mlp(), data, model.threshold());
    }

    /**
     * The predicted class of every row of {@code x} (row-major, {@code config().inputs()} values a
     * row): the argmax of the outputs for softmax, probability >= {@link Model#threshold()} for sigmoid.
     */
    public synchronized int[] predict(Model model, float[] x) {
        checkOpen();
        int rows = rowsOf(model, x);
        Mlp mlp = model.mlp();
        int[] classes = new int[rows];
        if (rows == 0) return classes;
        int chunk = Math.min(rows, Evaluator.DEFAULT_CHUNK_ROWS); // fixed chunks, never the thread count
        Workspace ws = mlp.workspace(chunk);
        for (int r0 = 0; r0 < rows; r0 += chunk) {
            int n = Math.min(chunk, rows - r0);
            mlp.forward(gemm, ws, x, r0 * mlp.config().inputs(), n);
            mlp.predict(ws, n, model.threshold());
            System.arraycopy(ws.predictions(), 0, classes, r0, n);
        }
        return classes;
    }

    /**
     * Output probabilities of every row of {@code x}: {@code rows x classes} row-major for softmax,
     * one value a row (of class 1) for sigmoid.
     */
    public synchronized float[] probabilities(Model model, float[] x) {
        checkOpen();
        int rows = rowsOf(model, x);
        return rows == 0 ? new float[0] : evaluator.probabilities(model.mlp(), x, rows);
    }

    /**
     * C = alpha * op(A) * op(B) + beta * C on dense row-major arrays, op(A) m x k, op(B) k x n, C m x n.
     * A is stored m x k, or k x m when {@code transA}; B k x n, or n x k when {@code transB}.
     * beta == 0 never reads C (NaN in it does not spread).
     */
    public synchronized void gemm(boolean transA, boolean transB, int m, int n, int k,
                                  float alpha, float[] a, float[] b, float beta, float[] c) {
        checkOpen();
        checkGemm(m, n, k, a, b, c);
        gemm.gemm(transA, transB, m, n, k, alpha, a, 0, Math.max(1, transA ? m : k),
                b, 0, Math.max(1, transB ? k : n), beta, c, 0, Math.max(1, n));
    }

    /**
     * One product on a pool of {@code threads} threads made for it and closed after it; for many
     * products, keep a {@link Vecnn} open instead (starting threads costs tens of microseconds).
     */
    public static void gemm(int threads, boolean transA, boolean transB, int m, int n, int k,
                            float alpha, float[] a, float[] b, float beta, float[] c) {
        checkThreads(threads);
        checkGemm(m, n, k, a, b, c); // before any thread starts
        try (Vecnn v = new Vecnn(threads)) {
            v.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
        }
    }

    /**
     * A labelled dataset over the caller's arrays (not copied: leave them unchanged while vecnn uses
     * them): {@code x} holds {@code labels.length} rows of {@code features} values, row-major, and
     * every label is a class in [0, classes).
     */
    public static Dataset dataset(float[] x, int features, int[] labels, int classes) {
        if (x == null) throw new IllegalArgumentException("the feature array must not be null");
        if (labels == null) throw new IllegalArgumentException("the label array must not be null");
        if (features < 1) throw new IllegalArgumentException("a dataset needs at least one feature a row, got " + features);
        if (classes < 2) throw new IllegalArgumentException("a dataset needs at least 2 classes, got " + classes);
        if (x.length != (long) labels.length * features) {
            throw new IllegalArgumentException(labels.length + " rows of " + features + " features need "
                    + (long) labels.length * features + " values, but the feature array has " + x.length);
        }
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("label " + labels[r] + " of row " + r + " is outside [0, " + classes + ")");
            }
        }
        return new Dataset("data", x, labels.length, features, labels, classes);
    }

    /** MNIST from the cache {@code vecnn data fetch} fills ($VECNN_DATA_DIR, else ~/.cache/vecnn/mnist). */
    public static MnistLoader.Mnist mnist() throws IOException {
        return mnist(MnistFetcher.defaultCacheDir());
    }

    /**
     * MNIST (or any IDX set of its layout) from the four standard files in {@code dir}, raw or .gz;
     * {@code train()} and {@code test()} give pixels in [0, 1].
     */
    public static MnistLoader.Mnist mnist(Path dir) throws IOException {
        if (dir == null) throw new IllegalArgumentException("the MNIST folder must not be null");
        return MnistLoader.load(dir);
    }

    /** Stops the pool's threads; later calls throw IllegalStateException. */
    @Override
    public synchronized void close() {
        closed = true;
        pool.close();
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("this Vecnn is closed");
    }

    private static void checkThreads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("the thread count must be between 1 and " + MAX_THREADS + ", got " + threads);
        }
    }

    private static int rowsOf(Model model, float[] x) {
        if (model == null) throw new IllegalArgumentException("the model must not be null");
        if (x == null) throw new IllegalArgumentException("the input array must not be null");
        int inputs = model.config().inputs();
        if (x.length % inputs != 0) {
            throw new IllegalArgumentException("the input array holds " + x.length + " values, not a whole number of rows of "
                    + inputs + " inputs");
        }
        return x.length / inputs;
    }

    private static void checkGemm(int m, int n, int k, float[] a, float[] b, float[] c) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("GEMM dimensions must not be negative, got m=" + m + " n=" + n + " k=" + k);
        }
        checkLength("A", a, (long) m * k);
        checkLength("B", b, (long) k * n);
        checkLength("C", c, (long) m * n);
    }

    private static void checkLength(String name, float[] x, long expected) {
        if (x == null) throw new IllegalArgumentException("GEMM matrix " + name + " must not be null");
        if (x.length != expected) {
            throw new IllegalArgumentException("GEMM matrix " + name + " needs " + expected + " values, got " + x.length);
        }
    }
}
