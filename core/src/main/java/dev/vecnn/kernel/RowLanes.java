package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Blocks of {@link Blocking#LANES} rows of a narrow matrix (10 or so classes) with the rows in the vector
 * lanes: block[j * LANES + i] holds row i's column j. A row's few columns would leave most lanes of a
 * row-wise vector masked off; transposed, every operation is a full one across rows.
 */
final class RowLanes {
    private RowLanes() {}

    static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);

    /** block[j * LANES + i] = z[first + i * ld + j] for i &lt; n; lanes past {@code n} get 0 (their results are ignored). */
    static void transpose(float[] z, int first, int n, int cols, int ld, float[] block) {
        for (int i = 0; i < n; i++) {
            for (int j = 0, row = first + i * ld; j < cols; j++) {
                block[j * LANES + i] = z[row + j];
            }
        }
        for (int i = n; i < LANES; i++) {
            for (int j = 0; j < cols; j++) {
                block[j * LANES + i] = 0f;
            }
        }
    }

    /**
     * out[outOff + i] = the argmax of lane i's {@code cols} values, for the first {@code n} lanes, by the
     * reference's rule ({@link ReductionsReference#rowArgmax}): a later column wins only if strictly greater,
     * so a NaN never wins and ties go to the first.
     */
    static void argmax(float[] block, int cols, int n, int[] out, int outOff) {
        FloatVector best = FloatVector.fromArray(SPECIES, block, 0);
        FloatVector index = FloatVector.zero(SPECIES);
        for (int j = 1; j < cols; j++) {
            FloatVector v = FloatVector.fromArray(SPECIES, block, j * LANES);
            VectorMask<Float> greater = v.compare(VectorOperators.GT, best);
            best = best.blend(v, greater);
            index = index.blend((float) j, greater); // exact: column indices stay far below 2^24
        }
        ((IntVector) index.convert(VectorOperators.F2I, 0)).intoArray(out, outOff, INT_SPECIES.indexInRange(0, n));
    }
}
