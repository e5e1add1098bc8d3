package dev.vecnn.kernel;

import java.util.Arrays;

/**
 * Lab harness (not a test): the one-vs-rest neuron's two products over 10,000 x 784 rows on 64-byte
 * lines, block by block as a full-batch epoch runs them (forward dots of a block, then its weight
 * gradient X^T r), each phase timed apart. Prints median ns per row of each phase.
 * Usage: bench/profile/run dev.vecnn.kernel.NeuronPassPhases [rounds] [blockRows]
 */
public final class NeuronPassPhases {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int rows = 10_000, k = 784;
        float[] a = LineAlignment.newPadded(rows * k);
        int off = a.length - rows * k;
        for (int i = off; i < a.length; i++) a[i] = ((i - off) % 97) / 97f;
        float[] w = new float[k];
        Arrays.fill(w, 0.01f);
        float[] sums = new float[block];
        float[] grad = new float[k];
        float[] scratch = new float[Blocking.LANES];
        double[][] ns = new double[2][rounds];
        for (int r = -5; r < rounds; r++) {
            long fwd = 0, bwd = 0;
            for (int r0 = 0; r0 < rows; r0 += block) {
                int n = Math.min(block, rows - r0);
                long t0 = System.nanoTime();
                GemvKernel.rowsTimesX(k, a, off + r0 * k, k, 0, n, w, sums, scratch);
                long t1 = System.nanoTime();
                GemvKernel.columnsTimesX(n, a, off + r0 * k, k, 0, k, sums, 0, 1, grad);
                long t2 = System.nanoTime();
                fwd += t1 - t0;
                bwd += t2 - t1;
            }
            if (r >= 0) {
                ns[0][r] = fwd / (double) rows;
                ns[1][r] = bwd / (double) rows;
            }
        }
        for (double[] n : ns) Arrays.sort(n);
        System.out.printf("pad %d floats, blocks of %d rows: forward dots %.1f ns/row, weight gradient %.1f ns/row (medians of %d)%n",
                off, block, ns[0][rounds / 2], ns[1][rounds / 2], rounds);
    }
}
