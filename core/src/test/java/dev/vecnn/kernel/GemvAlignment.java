package dev.vecnn.kernel;

import java.util.Arrays;

/**
 * Lab harness (not a test): the neuron's forward dot products over a 10,000 x 784 matrix, with the rows
 * starting where the array's data starts (16 bytes past a 64-byte line for a G1 humongous array) or 12
 * floats later (each row on a line boundary), alternated. Prints the median ns per row of each.
 * Usage: bench/profile/run dev.vecnn.kernel.GemvAlignment [rounds]
 */
public final class GemvAlignment {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int rows = 10_000, k = 784, pad = 12;
        float[] a = new float[pad + rows * k];
        for (int i = 0; i < a.length; i++) a[i] = (i % 97) / 97f;
        float[] x = new float[k];
        Arrays.fill(x, 0.01f);
        float[] sums = new float[rows];
        float[] scratch = new float[Blocking.LANES];
        double[][] ns = new double[2][rounds];
        for (int warm = 0; warm < 200; warm++) GemvKernel.rowsTimesX(k, a, warm % 2 == 0 ? 0 : pad, k, 0, rows, x, sums, scratch);
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < 2; v++) {
                int off = v == 0 ? 0 : pad;
                long t0 = System.nanoTime();
                for (int rep = 0; rep < 20; rep++) GemvKernel.rowsTimesX(k, a, off, k, 0, rows, x, sums, scratch);
                ns[v][r] = (System.nanoTime() - t0) / 20.0 / rows;
            }
        }
        for (double[] n : ns) Arrays.sort(n);
        System.out.printf("rows at the array's start: %.1f ns/row; rows 12 floats later: %.1f ns/row (medians of %d)%n",
                ns[0][rounds / 2], ns[1][rounds / 2], rounds);
    }
}
