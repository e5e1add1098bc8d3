package dev.vecnn.train;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.ParallelSplit;

/**
 * Copies the rows of a shuffled minibatch into one contiguous block, split over the pool's threads:
 * at batch 128 the copy (400 KB of MNIST from rows scattered over the training set) took 85 us, a
 * sixth of a two-thread training step, on one thread. Each thread copies a contiguous range of the
 * batch's rows, the rows the forward product then mostly gives it. A copy, so the split never
 * changes a value. Reused across steps: no allocation.
 */
final class BatchGather implements KernelPool.Task {
    private Dataset data;
    private int[] order;
    private int first;
    private int rows;
    private float[] x;
    private int[] y;
    private int tasks;

    /** x[i] = row order[first + i] of data, y[i] its label, for i in [0, rows). */
    void run(KernelPool pool, Dataset data, int[] order, int first, int rows, float[] x, int[] y) {
        this.data = data;
        this.order = order;
        this.first = first;
        this.rows = rows;
        this.x = x;
        this.y = y;
        this.tasks = ParallelSplit.tasks(pool, (long) rows * data.features());
        try {
            pool.run(tasks, this); // one task runs inline on the calling thread
        } finally {
            this.data = null;
            this.order = null;
            this.x = null;
            this.y = null;
        }
    }

    @Override
    public void run(int worker, int index) {
        int features = data.features();
        float[] src = data.x();
        int[] labels = data.labels();
        for (int i = ParallelSplit.start(rows, tasks, index), end = ParallelSplit.start(rows, tasks, index + 1); i < end; i++) {
            int row = order[first + i];
            System.arraycopy(src, row * features, x, i * features, features);
            y[i] = labels[row];
        }
    }
}
