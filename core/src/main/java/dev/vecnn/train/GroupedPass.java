package dev.vecnn.train;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.Reductions;
import dev.vecnn.nn.Gradients;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.Parameter;
import dev.vecnn.nn.Workspace;

import java.util.List;

/**
 * The forward, loss and backward passes of a full-batch step over rows cut into fixed groups, each cut
 * into blocks small enough to stay in a core's cache: a block goes forward through every layer, through
 * the loss and backward into its group's gradient while its input rows are still cached, so an epoch
 * reads the training set from memory once. A group's gradient adds its blocks in row order; the step's
 * gradient adds the groups' in group order. The partition follows the row count and the tuning only,
 * never the thread count, so any number of threads gives the same bits. Threads take whole groups and
 * multiply on one-thread GEMMs of their own, so a group needs no synchronisation until the sum, which
 * runs beside the SGD update, slice by slice. A dataset's pixels, where it has them, go with its rows to the
 * products, which may stream them instead (the same values). Allocates nothing per step.
 */
final class GroupedPass {
    /** At most this many groups (their gradients are held at once); more rows make larger groups. */
    static final int MAX_GROUPS = 64;

    private final Mlp model;
    private final KernelPool pool;
    private final int blockRows;
    private final int groupRows;
    private final int maxGroups;
    private final Gradients[] groupGradients;
    /** partsOf[p][g]: parameter p's gradient in group g, for the sum. */
    private final float[][][] partsOf;
    private final double[] groupLoss;
    private final long[] groupCorrect;
    private final boolean[] groupFinite;
    private final KernelPool[] workerPools;
    private final Gemm[] workerGemms;
    private final Workspace[] workerSpaces;
    private final KernelPool.Task groupTask = this::runGroup;
    private final SumAndUpdate sumAndUpdate = new SumAndUpdate();

    // The batch of the current step.
    private float[] x;
    private int xOff;
    /** x's values as pixels (no pad: row r at r * features), or null. */
    private byte[] pixels;
    private int[] labels;
    private int rows;
    private int groups;
    private float gradScale;
    private float threshold;

    /** What the last {@link #run} added up. */
    double lossSum;
    long correct;
    /** False when a loss was NaN or infinite: the gradient is then not summed. */
    boolean finite;

    /**
     * @param maxRows           the largest batch a step will pass
     * @param blockRows         rows a block takes through forward and backward at once
     * @param preferredGroupRows rows of a group (whole blocks; more when a batch would need over {@link #MAX_GROUPS})
     */
    GroupedPass(Mlp model, KernelPool pool, int maxRows, int blockRows, int preferredGroupRows) {
        if (maxRows < 1 || blockRows < 1 || preferredGroupRows < 1) {
            throw new IllegalArgumentException("rows, block and group rows must be positive: " + maxRows + ", " + blockRows
                    + ", " + preferredGroupRows);
        }
        this.model = model;
        this.pool = pool;
        this.blockRows = Math.min(blockRows, preferredGroupRows);
        this.groupRows = groupRows(maxRows, this.blockRows, preferredGroupRows);
        this.maxGroups = (maxRows + groupRows - 1) / groupRows;
        this.groupGradients = new Gradients[maxGroups];
        for (int g = 0; g < maxGroups; g++) groupGradients[g] = model.newGradients();
        List<Parameter> params = model.parameters();
        this.partsOf = new float[params.size()][maxGroups][];
        for (int p = 0; p < params.size(); p++) {
            for (int g = 0; g < maxGroups; g++) partsOf[p][g] = groupGradients[g].array(p);
        }
        this.groupLoss = new double[maxGroups];
        this.groupCorrect = new long[maxGroups];
        this.groupFinite = new boolean[maxGroups];
        int workers = pool.threads(); // any worker may claim a group
        this.workerPools = new KernelPool[workers];
        this.workerGemms = new Gemm[workers];
        this.workerSpaces = new Workspace[workers];
        for (int w = 0; w < workers; w++) {
            workerPools[w] = KernelPool.create(1); // runs inline: owns no thread, needs no closing
            workerGemms[w] = new Gemm(workerPools[w]);
            workerSpaces[w] = model.workspace(Math.min(this.blockRows, maxRows));
        }
    }

    /**
     * Rows per group: {@code preferred} rounded to whole blocks, larger when the rows would otherwise
     * need more than {@link #MAX_GROUPS} groups. Depends on the row count and the tuning only.
     */
    static int groupRows(int rows, int blockRows, int preferred) {
        int perGroup = Math.max(preferred, (rows + MAX_GROUPS - 1) / MAX_GROUPS);
        int blocks = (perGroup + blockRows - 1) / blockRows;
        return blocks * blockRows;
    }

    /** Groups of a batch of the largest size. */
    int groups() {
        return maxGroups;
    }

    /** Forward, loss and backward over {@code rows} rows of x from value {@code xOff}, labelled from labels[0]. */
    void run(float[] x, int xOff, int[] labels, int rows, float gradScale, float threshold) {
        this.x = x;
        this.xOff = xOff;
        this.labels = labels;
        runGroups(rows, gradScale, threshold);
    }

    /** As {@link #run(float[], int, int[], int, float, float)} over every row of {@code data}, with its pixels. */
    void run(Dataset data, float gradScale, float threshold) {
        this.pixels = data.pixels();
        try {
            run(data.buffer(), data.offset(), data.labels(), data.rows(), gradScale, threshold);
        } finally {
            this.pixels = null;
        }
    }

    private void runGroups(int rows, float gradScale, float threshold) {
        this.rows = rows;
        this.groups = (rows + groupRows - 1) / groupRows;
        if (groups > maxGroups) throw new IllegalArgumentException(rows + " rows is more than this pass was sized for");
        this.gradScale = gradScale;
        this.threshold = threshold;
        try {
            pool.run(groups, groupTask);
        } finally {
            this.x = null;
            this.labels = null;
        }
        lossSum = 0;
        correct = 0;
        finite = true;
        for (int g = 0; g < groups; g++) {
            lossSum += groupLoss[g];
            correct += groupCorrect[g];
            finite &= groupFinite[g];
        }
    }

    /** The step's gradient (groups added in order) into the model's, and the SGD update, slice by slice. */
    void sumAndUpdate(Sgd sgd) {
        sumAndUpdate.run(sgd);
    }

    /** Task {@code g}: the blocks of group g, in row order, on this worker's own GEMM and workspace. */
    private void runGroup(int worker, int g) {
        int start = g * groupRows, end = Math.min(rows, start + groupRows);
        Gemm gemm = workerGemms[worker];
        Workspace ws = workerSpaces[worker];
        int features = model.config().inputs();
        double loss = 0;
        long right = 0;
        groupFinite[g] = false;
        for (int r0 = start; r0 < end; r0 += blockRows) {
            int n = Math.min(blockRows, end - r0);
            int at = xOff + r0 * features;
            model.forward(gemm, ws, x, at, pixels, r0 * features, n);
            double blockLoss = model.lossAndPredict(gemm.pool(), ws, n, labels, r0, true, gradScale, threshold);
            if (!Double.isFinite(blockLoss)) {
                groupLoss[g] = blockLoss;
                return;
            }
            loss += blockLoss;
            int[] predicted = ws.predictions();
            for (int i = 0; i < n; i++) {
                if (predicted[i] == labels[r0 + i]) right++;
            }
            model.backward(gemm, ws, x, at, pixels, r0 * features, n, groupGradients[g], r0 > start);
        }
        groupLoss[g] = loss;
        groupCorrect[g] = right;
        groupFinite[g] = true;
    }

    /**
     * Each task takes the same slice of every parameter: adds the groups' gradients into the model's, then
     * updates those values, while they are in its cache. Elementwise, so any split gives the same bits.
     */
    private final class SumAndUpdate implements KernelPool.Task {
        private Sgd sgd;
        private int tasks;

        void run(Sgd sgd) {
            this.sgd = sgd;
            // each value reads one partial gradient per group: the work is the values times the groups
            this.tasks = pool.elementwiseParts((long) model.parameterCount() * groups);
            try {
                pool.run(tasks, this);
            } finally {
                this.sgd = null;
            }
        }

        @Override
        public void run(int worker, int index) {
            List<Parameter> params = model.parameters();
            for (int p = 0; p < params.size(); p++) {
                float[] out = params.get(p).grad();
                int from = KernelPool.partStart(out.length, tasks, index, 1);
                int to = KernelPool.partStart(out.length, tasks, index + 1, 1);
                if (from >= to) continue;
                Reductions.sumInOrder(partsOf[p], groups, out, from, to);
                sgd.updateRange(p, from, to);
            }
        }
    }
}
