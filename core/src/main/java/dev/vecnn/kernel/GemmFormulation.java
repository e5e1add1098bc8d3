package dev.vecnn.kernel;

/**
 * One way of computing a product (see {@link Formulation}). {@link #prepare} runs once per call on the
 * calling thread (it packs what every slab reads); the pool then runs {@link #run} once per slab of the
 * plan, on any worker. A slab computes every element it owns by the same instruction sequence wherever
 * the slab boundaries fall, which keeps results bit-identical for any thread count.
 */
interface GemmFormulation extends KernelPool.Task {
    void prepare(GemmCall call, GemmPlan plan);
}
