package dev.vecnn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register and cache blocking of {@link Gemm} as compile-time constants for the JIT, copied from
 * {@link Tuning#ACTIVE} (where they are chosen, documented and overridden).
 */
final class Blocking {
    private Blocking() {}

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector: 16 with AVX-512. */
    static final int LANES = SPECIES.length();

    /** Rows of the register tile (broadcast side): 8 with 32 vector registers, 6 with AVX2's 16 (see MicroKernel). */
    static final int MR = Tuning.ACTIVE.tileRows();
    /** Floats per packed A element: 1 (the 8-row tile broadcasts) or LANES (the 6-row tile reads pre-broadcast vectors). */
    static final int A_STRIDE = Tuning.ACTIVE.aStride();
    /** Columns of the register tile: two vectors. MR x 2 vectors accumulators. */
    static final int NR = 2 * LANES;

    /** Depth of a packed panel; a KC x NR panel of B (32 KiB at KC 256) stays in L1 during a sweep. */
    static final int KC = Tuning.ACTIVE.kc();
    /** Rows of a packed A block; MC x KC floats live in L2. */
    static final int MC = Tuning.ACTIVE.mc();
    /** Columns of a packed B block; KC x NC floats live in L2/L3. */
    static final int NC = Tuning.ACTIVE.nc();

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
