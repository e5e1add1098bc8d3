package dev.vecnn.kernel;

/** Plans each product ({@link GemmPlanner}) and runs its formulation's slabs on the pool. */
final class PlannedGemm implements GemmEngine {
    private final KernelPool pool;
    /** A formulation every product must use (tests), or null to let the planner choose. */
    private final Formulation forced;
    private final GemmPlan plan = new GemmPlan();
    private final GemmFormulation[] formulations = new GemmFormulation[Formulation.values().length];

    PlannedGemm(KernelPool pool, Formulation forced) {
        this.pool = pool;
        this.forced = forced;
        GemmWorkspace[] workspaces = new GemmWorkspace[pool.threads()];
        for (int w = 0; w < workspaces.length; w++) workspaces[w] = new GemmWorkspace();
        PackedFormulation packed = new PackedFormulation(workspaces);
        formulations[Formulation.GEMV.ordinal()] = new GemvFormulation(workspaces);
        formulations[Formulation.NARROW.ordinal()] = new NarrowFormulation(workspaces);
        formulations[Formulation.STREAMED.ordinal()] = new StreamedFormulation(workspaces);
        formulations[Formulation.DOT.ordinal()] = new DotFormulation(workspaces);
        formulations[Formulation.PACKED.ordinal()] = packed;
        formulations[Formulation.PACKED_TRANSPOSED.ordinal()] = packed;
    }

    @Override
    public void run(GemmCall q) {
        if (forced == null) {
            GemmPlanner.plan(q.transA, q.transB, q.m, q.n, q.k, pool.threads(), q.axis, plan);
        } else if (GemmPlanner.canRun(forced, q.transA, q.n)) {
            GemmPlanner.plan(forced, q.transA, q.transB, q.m, q.n, q.k, pool.threads(), q.axis, plan);
        } else {
            throw new IllegalArgumentException(forced + " cannot compute a " + q.m + "x" + q.n + " product"
                    + (q.transA ? " with A transposed" : ""));
        }
        GemmFormulation f = formulations[plan.formulation.ordinal()];
        f.prepare(q, plan);
        pool.run(plan.slabs(), f);
    }

    /** The plan of the last product (tests check which formulation ran). */
    GemmPlan lastPlan() {
        return plan;
    }
}
