package dev.vecnn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register and cache blocking of {@link Gemm}, sized for the target machine (AMD Zen 5: 32 vector
 * registers, 48 KiB L1d and 1 MiB L2 per core). The cache blocks can be overridden with system
 * properties ({@code vecnn.gemm.kc}, {@code .mc}, {@code .nc}) so JMH can sweep them; results do not
 * depend on MC or NC, but KC changes where partial sums are rounded into C.
 */
final class Blocking {
    private Blocking() {}

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector: 16 with AVX-512. */
    static final int LANES = SPECIES.length();

    /** Rows of the register tile (broadcast side): 8 with 32 vector registers, 6 with AVX2's 16 (see MicroKernel). */
    static final int MR = Integer.getInteger("vecnn.gemm.mr", LANES >= 16 ? 8 : 6) == 8 ? 8 : 6;
    /**
     * Floats per packed A element: 1 (the 8-row tile broadcasts in the loop) or LANES (the 6-row
     * AVX2 tile reads each A element as a pre-broadcast vector; see MicroKernel).
     */
    static final int A_STRIDE = MR == 8 ? 1 : LANES;
    /** Columns of the register tile: two vectors. MR x 2 vectors accumulators. */
    static final int NR = 2 * LANES;

    /** Depth of a packed panel; a KC x NR panel of B (32 KiB at KC 256) stays in L1 during a sweep. */
    static final int KC = roundUp(Integer.getInteger("vecnn.gemm.kc", MR == 8 ? 256 : 128), 1);
    /** Rows of a packed A block; MC x KC floats live in L2. */
    static final int MC = roundUp(Integer.getInteger("vecnn.gemm.mc", MR == 8 ? 192 : 96), MR);
    /** Columns of a packed B block; KC x NC floats live in L2/L3. */
    static final int NC = roundUp(Integer.getInteger("vecnn.gemm.nc", 2048), NR);

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
