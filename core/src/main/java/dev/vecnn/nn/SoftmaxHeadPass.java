package dev.vecnn.nn;

import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.SoftmaxCrossEntropy;
import dev.vecnn.kernel.Tuning;

/**
 * The softmax head of a forward pass over the pool's threads: each thread takes a range of rows
 * (cut at multiples of {@link SoftmaxCrossEntropy#BLOCK_ROWS}) and writes their loss gradient,
 * probabilities (when no gradient is asked for: training never reads them), block losses and
 * predicted classes; the block losses are then added in order on the calling thread, so the sum has
 * the same bits for any thread count, and the same as one {@link SoftmaxCrossEntropy#forwardBackward}
 * call. In full-batch descent this pass over 60,000 rows of 10 logits was as long as the output
 * layer's three products together. Reused across steps, so it allocates nothing.
 */
final class SoftmaxHeadPass implements KernelPool.Task {
    private Workspace ws;
    private int rows;
    private int classes;
    private int[] labels;
    private int labelsOff;
    private boolean gradient;
    private float gradScale;
    private int tasks;

    /** Loss summed over the rows, the gradient (or else the probabilities) and predictions into the workspace. */
    double run(KernelPool pool, Workspace ws, int rows, int classes, int[] labels, int labelsOff,
               boolean gradient, float gradScale) {
        this.ws = ws;
        this.rows = rows;
        this.classes = classes;
        this.labels = labels;
        this.labelsOff = labelsOff;
        this.gradient = gradient;
        this.gradScale = gradScale;
        this.tasks = pool.parts(rows, Tuning.ACTIVE.minSoftmaxRowsPerTask());
        try {
            pool.run(tasks, this); // one task runs inline on the calling thread
        } finally {
            this.ws = null;
            this.labels = null;
        }
        double total = 0;
        double[] losses = ws.blockLosses;
        for (int b = 0, blocks = blocks(rows); b < blocks; b++) {
            total += losses[b];
        }
        return total;
    }

    @Override
    public void run(int worker, int index) {
        int blocks = blocks(rows);
        int b0 = KernelPool.partStart(blocks, tasks, index, 1), b1 = KernelPool.partStart(blocks, tasks, index + 1, 1);
        int r0 = b0 * SoftmaxCrossEntropy.BLOCK_ROWS, r1 = Math.min(rows, b1 * SoftmaxCrossEntropy.BLOCK_ROWS);
        if (r0 >= r1) {
            return;
        }
        int off = r0 * classes;
        float[] logits = ws.logits();
        SoftmaxCrossEntropy.blockLosses(logits, off, r1 - r0, classes, classes, labels, labelsOff + r0,
                gradient ? null : ws.probabilities, gradient ? ws.gradients[ws.gradients.length - 1] : null,
                gradScale, ws.blockLosses, b0, ws.predictions, r0);
    }

    private static int blocks(int rows) {
        return (rows + SoftmaxCrossEntropy.BLOCK_ROWS - 1) / SoftmaxCrossEntropy.BLOCK_ROWS;
    }
}
