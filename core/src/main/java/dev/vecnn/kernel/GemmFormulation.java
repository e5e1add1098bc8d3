package dev.vecnn.kernel;

/**
 * One way of computing a product (see {@link Formulation}). {@link #prepare} runs once per call on the
 * calling thread (it packs what every slab reads); the pool then runs {@link #run} once per slab of the
 * plan, on any worker. A slab computes every element it owns by the same instruction sequence wherever
 * the slab boundaries fall, which keeps results bit-identical for any thread count.
 */
abstract class GemmFormulation implements KernelPool.Task {
    /** Per-worker packing buffers and scratch, indexed by the pool's worker number. */
    final GemmWorkspace[] workspaces;
    /** The current product and its plan, read by the slabs. */
    GemmCall call;
    GemmPlan plan;

    GemmFormulation(GemmWorkspace[] workspaces) {
        this.workspaces = workspaces;
    }

    final void prepare(GemmCall call, GemmPlan plan) {
        this.call = call;
        this.plan = plan;
        prepareOperands();
    }

    /** Packs or copies what every slab of the current call reads; nothing by default. */
    void prepareOperands() {}
}
