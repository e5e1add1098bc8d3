package dev.vecnn.kernel;

/**
 * How one product runs: its {@link Formulation} and how its C (C^T for {@link Formulation#PACKED_TRANSPOSED})
 * is cut into slabs for the pool, {@code slabsM} x {@code slabsN} of whole units of rows and columns.
 * Filled by {@link GemmPlanner#plan}; mutable so a {@link Gemm} reuses one per call and allocates nothing.
 */
final class GemmPlan {
    Formulation formulation;
    /** The shape the slabs cut: C's, or C^T's when transposed. */
    int m, n;
    int slabsM, slabsN, unitM, unitN;

    int slabs() {
        return slabsM * slabsN;
    }

    int rowFrom(int slab) {
        return KernelPool.partStart(m, slabsM, slab / slabsN, unitM);
    }

    int rowTo(int slab) {
        return KernelPool.partStart(m, slabsM, slab / slabsN + 1, unitM);
    }

    int colFrom(int slab) {
        return KernelPool.partStart(n, slabsN, slab % slabsN, unitN);
    }

    int colTo(int slab) {
        return KernelPool.partStart(n, slabsN, slab % slabsN + 1, unitN);
    }

    /**
     * Into how many slabs of rows of C the product is split: the column slabs of C^T when transposed,
     * 1 when C is split along its columns. Slab i holds the i-th of that many near-equal runs of rows.
     */
    int rowSlabsOfC() {
        if (formulation == Formulation.PACKED_TRANSPOSED) return slabsN;
        return slabsN == 1 ? slabsM : 1;
    }

    @Override
    public String toString() {
        return formulation + " " + m + "x" + n + " in " + slabsM + "x" + slabsN + " slabs of " + unitM + "x" + unitN;
    }
}
