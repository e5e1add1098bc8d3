package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vecnn.data.Dataset;
import dev.vecnn.kernel.KernelPool;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchGatherTest {
    /** Every batch size around the read-ahead group and the thread split, rows not a whole number of cache lines, any slab count. */
    @Test
    void copiesTheChosenRowsAndLabelsForAnyThreadCount() {
        for (int features : new int[] {784, 33, 1}) {
            int n = 700;
            Random r = new Random(features);
            float[] x = new float[n * features];
            int[] labels = new int[n];
            for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
            for (int i = 0; i < n; i++) labels[i] = r.nextInt(10);
            Dataset data = new Dataset("synthetic", x, n, features, labels, 10);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = (i * 389 + 17) % n;
            for (int threads = 1; threads <= 3; threads++) {
                try (KernelPool pool = KernelPool.create(threads)) {
                    BatchGather gather = new BatchGather();
                    for (int rows : new int[] {1, 7, 8, 9, 17, 128, 129, 600}) for (int slabs = 1; slabs <= threads; slabs++) {
                        int first = 31;
                        float[] got = new float[rows * features];
                        int[] gotY = new int[rows];
                        gather.run(pool, slabs, data, order, first, rows, got, gotY);
                        float[] want = new float[rows * features];
                        int[] wantY = new int[rows];
                        for (int i = 0; i < rows; i++) {
                            System.arraycopy(x, order[first + i] * features, want, i * features, features);
                            wantY[i] = labels[order[first + i]];
                        }
                        String what = features + " features, " + rows + " rows, " + threads + " threads, " + slabs + " slabs";
                        assertArrayEquals(want, got, 0f, what);
                        assertArrayEquals(wantY, gotY, what);
                    }
                }
            }
        }
    }
}
