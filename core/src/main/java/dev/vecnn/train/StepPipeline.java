package dev.vecnn.train;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.SplitAxis;
import dev.vecnn.kernel.Tuning;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.WeightLayout;
import dev.vecnn.nn.Workspace;

import java.util.function.BooleanSupplier;

/**
 * The steps of an epoch, in order: copy the minibatch (gather), forward, loss, backward, SGD update.
 * Full-batch descent runs as a {@link GroupedPass} (cache-sized blocks, threads over fixed groups of
 * {@link Tuning#chunkRows} rows); a minibatch larger than chunkRows passes forward and backward in
 * blocks of that many rows whose gradients accumulate in block order. Either partition is fixed by the
 * batch size and the tuning, never by the thread count. The copy of the next minibatch runs in the same parallel region as the update of
 * the largest parameter: the copy waits on memory for rows scattered over the training set, the update
 * streams the weights, and the two overlap on each core. Owns the workspace and batch buffers, so an
 * epoch allocates nothing.
 *
 * <p>With the weights stored out x in, a minibatch step on several threads is owner-computes: each
 * thread takes a fixed run of every layer's units in the forward product (columns of C), in the weight
 * gradient (rows of dW) and in the update (rows of W), so a unit's weights, velocity and gradient stay
 * in one core's cache from step to step instead of crossing to the other core three times a step. In
 * the in x out layout a unit is a column of W, a part of every row, so the products keep the planner's
 * cut there. The cut never changes a value.
 */
final class StepPipeline {
    private final TrainConfig config;
    private final Mlp model;
    private final Sgd sgd;
    private final Gemm gemm;
    /** The GEMM of the forward and backward passes: {@link #gemm}, or its views that cut products by units. */
    private final Gemm forwardGemm;
    private final Gemm backwardGemm;
    private final KernelPool pool;
    private final Dataset train;
    private final int batch;
    private final int chunk;
    private final boolean shuffled;
    private final Workspace ws;
    private final float[] xBatch;
    private final int[] yBatch;
    private final BatchGather gather = new BatchGather();
    /** The copy is split like the first product that reads the batch, so each thread copies the rows it reads. */
    private final int gatherSlabs;
    private final UpdateWithGather updateWithGather = new UpdateWithGather();
    /** Full-batch descent's passes; null for minibatches. */
    private final GroupedPass fullBatch;

    /** What the last {@link #epoch} added up. */
    double lossSum;
    long correct;
    /** False when a loss was NaN or infinite: the epoch stopped there. */
    boolean finite;
    /** True when the stop request ended the epoch between two steps. */
    boolean stopped;

    StepPipeline(TrainConfig config, Mlp model, Sgd sgd, Gemm gemm, Dataset train) {
        this.config = config;
        this.model = model;
        this.sgd = sgd;
        this.gemm = gemm;
        this.pool = gemm.pool();
        this.train = train;
        int n = train.rows();
        this.batch = config.fullBatch() ? n : Math.min(config.batchSize(), n);
        this.shuffled = config.shuffle() && batch < n;
        Tuning t = Tuning.ACTIVE;
        this.fullBatch = config.fullBatch() ? new GroupedPass(model, pool, n, t.blockRows(), t.chunkRows()) : null;
        this.chunk = Math.min(batch, t.chunkRows());
        this.ws = fullBatch != null ? null : model.workspace(chunk);
        this.xBatch = shuffled ? new float[batch * train.features()] : null;
        this.yBatch = shuffled ? new int[batch] : null;
        boolean byUnits = fullBatch == null && pool.threads() > 1 && config.model().layout() == WeightLayout.OUT_IN;
        this.forwardGemm = byUnits ? gemm.splitting(SplitAxis.COLUMNS) : gemm;
        this.backwardGemm = byUnits ? gemm.splitting(SplitAxis.ROWS) : gemm;
        this.gatherSlabs = fullBatch != null ? 1 : gatherSlabs(model, forwardGemm, chunk, pool.threads());
    }

    /**
     * The copy runs on the first product's row slabs, so each thread copies the rows it reads; when that
     * product is cut by columns every thread reads every row, and the copy splits like any elementwise pass.
     */
    private static int gatherSlabs(Mlp model, Gemm forwardGemm, int rows, int threads) {
        int rowSlabs = model.inputRowSlabs(forwardGemm, rows);
        return rowSlabs == 1 && model.inputSlabs(forwardGemm, rows) > 1 ? threads : rowSlabs;
    }

    /** Whether epochs read the rows in a shuffled order (which the caller draws). */
    boolean shuffled() {
        return shuffled;
    }

    /** One epoch over the rows of the training set in {@code order} (null: in place); sets the fields above. */
    void epoch(int[] order, BooleanSupplier stopRequested) {
        int n = train.rows(), features = train.features();
        float threshold = config.threshold();
        lossSum = 0;
        correct = 0;
        finite = true;
        stopped = false;
        if (fullBatch != null) {
            fullBatch.run(train, config.reduction().gradientScale(n), threshold);
            lossSum = fullBatch.lossSum;
            correct = fullBatch.correct;
            finite = fullBatch.finite;
            if (finite) fullBatch.sumAndUpdate(sgd);
            return;
        }
        boolean gathered = false; // the batch at r0 was copied during the last update
        for (int r0 = 0; r0 < n; r0 += batch) {
            if (r0 > 0 && stopRequested.getAsBoolean()) {
                stopped = true;
                return;
            }
            int rows = Math.min(batch, n - r0);
            float[] x = train.buffer();
            int xOff = train.rowStart(r0);
            int[] labels = train.labels();
            int labelsOff = r0;
            if (shuffled) {
                if (!gathered) gather.run(pool, gatherSlabs, train, order, r0, rows, xBatch, yBatch);
                x = xBatch;
                xOff = 0;
                labels = yBatch;
                labelsOff = 0;
            }
            float gradScale = config.reduction().gradientScale(rows);
            for (int c0 = 0; c0 < rows; c0 += chunk) {
                int cr = Math.min(chunk, rows - c0);
                int cx = xOff + c0 * features, cl = labelsOff + c0;
                model.forward(forwardGemm, ws, x, cx, cr);
                double loss = model.lossAndPredict(pool, ws, cr, labels, cl, true, gradScale, threshold);
                if (!Double.isFinite(loss)) {
                    finite = false;
                    return;
                }
                lossSum += loss;
                int[] predicted = ws.predictions();
                for (int i = 0; i < cr; i++) {
                    if (predicted[i] == labels[cl + i]) correct++;
                }
                model.backward(backwardGemm, ws, x, cx, cr, c0 > 0);
            }
            int next = r0 + batch;
            gathered = shuffled && next < n;
            if (gathered) {
                // the step is done with xBatch: the next batch is copied beside the update
                updateWithGather.run(order, next, Math.min(batch, n - next));
            } else {
                sgd.step(pool);
            }
        }
    }

    /** The update, with the copy of the next batch in the parallel region of the largest parameter's update. */
    private final class UpdateWithGather implements KernelPool.Task {
        private int largest;
        private int updateSlices;
        private int gatherTasks;

        void run(int[] order, int first, int rows) {
            largest = sgd.largestParameter();
            gatherTasks = gather.prepare(pool, gatherSlabs, train, order, first, rows, xBatch, yBatch);
            try {
                if (largest < 0) {
                    pool.run(gatherTasks, gather);
                    return;
                }
                sgd.stepAllBut(pool, largest);
                updateSlices = sgd.slices(pool, largest);
                pool.run(Math.max(updateSlices, gatherTasks), this);
            } finally {
                gather.clear();
            }
        }

        @Override
        public void run(int worker, int index) {
            if (index < updateSlices) sgd.updateSlice(largest, index, updateSlices);
            if (index < gatherTasks) gather.run(worker, index);
        }
    }
}
