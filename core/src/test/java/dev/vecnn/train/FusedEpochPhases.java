package dev.vecnn.train;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.Gradients;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.Workspace;

/**
 * Lab harness (not a test; bench/profile/run runs it): a full-batch epoch of the 784-32-10 ReLU net on
 * 60,000 random rows as {@link GroupedPass} runs it, whole (ms an epoch), and one worker's block loop
 * timed by phase (forward, loss, backward) on a single thread. Args: threads [blockRows] [epochs].
 */
public class FusedEpochPhases {
    /** Bytes allocated so far by every live thread (HotSpot's per-thread counters). */
    static long allocatedBytes() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long id : mx.getAllThreadIds()) total += Math.max(0, mx.getThreadAllocatedBytes(id));
        return total;
    }

    public static void main(String[] a) {
        int threads = Integer.parseInt(a[0]);
        int block = a.length > 1 ? Integer.parseInt(a[1]) : 128;
        int epochs = a.length > 2 ? Integer.parseInt(a[2]) : 30;
        int rows = Integer.getInteger("rows", 60_000), hidden = Integer.getInteger("hidden", 32);
        Dataset data = SyntheticData.noise("noise", rows, 784, 10, 1);
        Mlp model = Mlp.initialise(ModelConfig.softmax(784, 10, new LayerSpec(hidden, Activation.RELU)), 1);
        try (KernelPool pool = KernelPool.create(threads)) {
            GroupedPass epoch = new GroupedPass(model, pool, rows, block, Integer.getInteger("groupRows", 2048));
            Sgd sgd = new Sgd(model.parameters(), 0f, 0f, 0f, 0f);
            double[] ms = new double[epochs], sumMs = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                long t0 = System.nanoTime();
                epoch.run(data.values(), 0, data.labels(), rows, 1f / rows, 0.5f);
                long t1 = System.nanoTime();
                epoch.sumAndUpdate(sgd);
                ms[e] = (System.nanoTime() - t0) / 1e6;
                sumMs[e] = (System.nanoTime() - t1) / 1e6;
            }
            if (Boolean.getBoolean("all")) System.out.println(java.util.Arrays.toString(ms));
            long before = allocatedBytes();
            for (int e = 0; e < 10; e++) {
                epoch.run(data.values(), 0, data.labels(), rows, 1f / rows, 0.5f);
                epoch.sumAndUpdate(sgd);
            }
            System.out.printf("allocated over 10 more epochs, all threads: %d bytes%n", allocatedBytes() - before);
            java.util.Arrays.sort(ms);
            java.util.Arrays.sort(sumMs);
            System.out.printf("%d threads, blocks of %d: epoch median %.2f ms (min %.2f), %d groups, of which the sum and update %.2f ms%n",
                    threads, block, ms[epochs / 2], ms[0], epoch.groups(), sumMs[epochs / 2]);
        }
        try (KernelPool single = KernelPool.create(1)) {
            Gemm gemm = new Gemm(single);
            Workspace ws = model.workspace(block);
            Gradients g = model.newGradients();
            long fwd = 0, loss = 0, bwd = 0;
            for (int e = 0; e < epochs; e++) {
                boolean timed = e >= epochs / 2;
                for (int r0 = 0; r0 + block <= rows; r0 += block) {
                    long t0 = System.nanoTime();
                    model.forward(gemm, ws, data.values(), r0 * 784, block);
                    long t1 = System.nanoTime();
                    model.lossAndPredict(single, ws, block, data.labels(), r0, true, 1f / rows, 0.5f);
                    long t2 = System.nanoTime();
                    model.backward(gemm, ws, data.values(), r0 * 784, block, g, r0 % 2048 != 0);
                    long t3 = System.nanoTime();
                    if (timed) { fwd += t1 - t0; loss += t2 - t1; bwd += t3 - t2; }
                }
            }
            int n = epochs - epochs / 2;
            double gflop = 2.0 * rows * 784 * hidden / 1e9;
            System.out.printf("one thread, per epoch: forward %.2f ms (%.0f GFLOP/s first layer), loss %.2f, backward %.2f ms%n",
                    fwd / 1e6 / n, gflop / (fwd / 1e9 / n), loss / 1e6 / n, bwd / 1e6 / n);
        }
    }
}
