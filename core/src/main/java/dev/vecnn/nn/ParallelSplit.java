package dev.vecnn.nn;

import dev.vecnn.kernel.KernelPool;

/**
 * How many tasks an elementwise pass over {@code elements} values gets. Small passes stay on the
 * calling thread because a parallel region costs more than they do. Elementwise results do not
 * depend on the split, so this choice never changes a number.
 */
public final class ParallelSplit {
    /** Below this many elements a pass runs on the calling thread. */
    public static final long MIN_PARALLEL_ELEMENTS = 1L << 16;

    private ParallelSplit() {}

    public static int tasks(KernelPool pool, long elements) {
        if (pool.threads() == 1 || elements < MIN_PARALLEL_ELEMENTS) return 1;
        return (int) Math.min(pool.threads(), elements / (MIN_PARALLEL_ELEMENTS / 2));
    }

    /** Start of part {@code index} of {@code count} over {@code length} items. */
    public static int start(int length, int count, int index) {
        return (int) ((long) length * index / count);
    }
}
