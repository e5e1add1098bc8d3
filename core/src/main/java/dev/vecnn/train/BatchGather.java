package dev.vecnn.train;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.KernelPool;

/**
 * Copies the rows of a shuffled minibatch into one contiguous block, split over the pool's threads
 * (on one thread the copy, rows scattered over the training set, is a sizeable share of a
 * two-thread step). Each thread copies a contiguous range of the
 * batch's rows, the rows the forward product then gives it; when that product runs on one thread
 * (softmax regression's 784 x 10 at batch 128 is under the GEMM's slab floor), so does the copy, or
 * that thread would fetch the other core's half of the batch. A copy, so the split never changes a value. Reused across steps: no allocation.
 *
 * <p>The rows lie beyond the L3 cache, so a copy waits on memory row after row. Before copying a
 * group of rows, one float of every cache line of the next group is read, so that group's misses
 * are in flight together while this one is copied (Java has no prefetch instruction).
 */
final class BatchGather implements KernelPool.Task {
    private Dataset data;
    private int[] order;
    private int first;
    private int rows;
    private float[] x;
    private int[] y;
    private int tasks;
    /** Rows read ahead while the rows before them are copied. */
    private static final int READ_AHEAD_ROWS = 8;
    /** The read-ahead's sum, stored so the JIT cannot drop its loads; never read. */
    private float readAheadSum;

    /**
     * x[i] = row order[first + i] of data, y[i] its label, for i in [0, rows), copied by at most
     * {@code slabs} threads (the row slabs of the product that reads x next; see Mlp.inputRowSlabs).
     */
    void run(KernelPool pool, int slabs, Dataset data, int[] order, int first, int rows, float[] x, int[] y) {
        prepare(pool, slabs, data, order, first, rows, x, y);
        try {
            pool.run(tasks, this); // one task runs inline on the calling thread
        } finally {
            clear();
        }
    }

    /**
     * Sets up the copy of {@link #run} without running it, for a caller that runs it as part of a
     * parallel region of its own (see StepPipeline); returns the number of tasks. Call {@link #clear} after.
     */
    int prepare(KernelPool pool, int slabs, Dataset data, int[] order, int first, int rows, float[] x, int[] y) {
        this.data = data;
        this.order = order;
        this.first = first;
        this.rows = rows;
        this.x = x;
        this.y = y;
        this.tasks = Math.max(1, Math.min(slabs, pool.elementwiseParts((long) rows * data.features())));
        return tasks;
    }

    /** Drops the references to the last copy's arrays. */
    void clear() {
        this.data = null;
        this.order = null;
        this.x = null;
        this.y = null;
    }

    @Override
    public void run(int worker, int index) {
        int features = data.features();
        float[] src = data.buffer();
        int[] labels = data.labels();
        int from = KernelPool.partStart(rows, tasks, index, 1), end = KernelPool.partStart(rows, tasks, index + 1, 1);
        float sum = readAhead(src, features, from, Math.min(end, from + READ_AHEAD_ROWS));
        for (int g = from; g < end; g += READ_AHEAD_ROWS) {
            int groupEnd = Math.min(end, g + READ_AHEAD_ROWS);
            sum += readAhead(src, features, groupEnd, Math.min(end, groupEnd + READ_AHEAD_ROWS));
            for (int i = g; i < groupEnd; i++) {
                int row = order[first + i];
                System.arraycopy(src, data.rowStart(row), x, i * features, features);
                y[i] = labels[row];
            }
        }
        readAheadSum = sum;
    }

    /** Reads one float of each cache line (16 floats) of batch rows [from, to). */
    private float readAhead(float[] src, int features, int from, int to) {
        float sum = 0f;
        for (int i = from; i < to; i++) {
            int at = data.rowStart(order[first + i]);
            for (int c = 0; c < features; c += 16) {
                sum += src[at + c];
            }
        }
        return sum;
    }
}
