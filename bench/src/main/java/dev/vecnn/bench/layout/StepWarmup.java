package dev.vecnn.bench.layout;

/**
 * Warm-up of the whole-training-step benchmarks, longer than the forward and backward ones: a full-batch
 * step runs the parameter update only a few times a second, and with 3 warm-up seconds C2 had not yet
 * compiled {@code SgdKernel.update} on AVX-512 (about 9 s in; until then C1's code boxes vectors,
 * 0.9-2.8 MB per step measured). After 10 s a step allocates nothing.
 */
final class StepWarmup {
    private StepWarmup() {}

    /** One-second warm-up iterations of every {@code step} benchmark. */
    static final int ITERATIONS = 10;
}
