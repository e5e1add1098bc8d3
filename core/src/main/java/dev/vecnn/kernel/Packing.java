package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.A_STRIDE;
import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.MR;
import static dev.vecnn.kernel.Blocking.NR;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Copies blocks of op(A) and op(B) into the contiguous, zero-padded panel layout the micro-kernel
 * reads: A as MR-row panels stored k-major (MR floats per k), B as NR-column panels stored k-major
 * (NR floats per k). The transposes are absorbed here, so one micro-kernel serves every case.
 */
final class Packing {
    private Packing() {}

    /**
     * Packs rows [i0, i0 + mc) and depth [p0, p0 + kc) of op(A) into {@code dst}: panel r occupies
     * dst[r * kc * A_STRIDE ...], element (i, p) of the panel at (p * MR + i) * A_STRIDE, repeated
     * A_STRIDE times. Rows beyond mc are zero.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] dst) {
        int d = 0;
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            if (A_STRIDE == 1) {
                if (transA) {
                    // element (i, p) at a[aOff + p * lda + i]: the MR rows of a k-step are contiguous
                    int src = aOff + p0 * lda + i0 + ir;
                    for (int p = 0; p < kc; p++, src += lda, d += MR) {
                        for (int r = 0; r < MR; r++) {
                            dst[d + r] = r < rows ? a[src + r] : 0f;
                        }
                    }
                } else {
                    // element (i, p) at a[aOff + i * lda + p]: transpose MR rows into k-major order
                    for (int r = 0; r < MR; r++) {
                        int src = aOff + (i0 + ir + r) * lda + p0;
                        for (int p = 0; p < kc; p++) {
                            dst[d + p * MR + r] = r < rows ? a[src + p] : 0f;
                        }
                    }
                    d += kc * MR;
                }
            } else {
                int rowStep = MR * A_STRIDE;
                for (int r = 0; r < MR; r++) {
                    int o = d + r * A_STRIDE;
                    if (r >= rows) {
                        FloatVector zero = FloatVector.zero(SPECIES);
                        for (int p = 0; p < kc; p++, o += rowStep) zero.intoArray(dst, o);
                    } else if (transA) {
                        continue; // below, one k-step at a time: its MR values are contiguous
                    } else {
                        int src = aOff + (i0 + ir + r) * lda + p0;
                        for (int p = 0; p < kc; p++, o += rowStep) {
                            FloatVector.broadcast(SPECIES, a[src + p]).intoArray(dst, o);
                        }
                    }
                }
                if (transA) {
                    int src = aOff + p0 * lda + i0 + ir;
                    for (int p = 0, o = d; p < kc; p++, src += lda, o += rowStep) {
                        for (int r = 0; r < rows; r++) {
                            FloatVector.broadcast(SPECIES, a[src + r]).intoArray(dst, o + r * A_STRIDE);
                        }
                    }
                }
                d += kc * MR * A_STRIDE;
            }
        }
    }

    /**
     * Packs columns [j0, j0 + nc) and depth [p0, p0 + kc) of op(B) into {@code dst} from dstOff:
     * panel s occupies dst[dstOff + s * kc * NR ...], element (p, j) of the panel at p * NR + j.
     * Columns beyond nc are zero.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int j0, int nc, int p0, int kc,
                      float[] dst, int dstOff) {
        int d = dstOff;
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            if (!transB) {
                // element (p, j) at b[bOff + p * ldb + j]: a k-step of the panel is contiguous
                int src = bOff + p0 * ldb + j0 + jr;
                if (cols == NR) {
                    for (int p = 0; p < kc; p++, src += ldb, d += NR) {
                        FloatVector.fromArray(SPECIES, b, src).intoArray(dst, d);
                        FloatVector.fromArray(SPECIES, b, src + LANES).intoArray(dst, d + LANES);
                    }
                } else {
                    VectorMask<Float> m0 = SPECIES.indexInRange(0, cols);
                    VectorMask<Float> m1 = SPECIES.indexInRange(LANES, cols);
                    for (int p = 0; p < kc; p++, src += ldb, d += NR) {
                        FloatVector.fromArray(SPECIES, b, src, m0).intoArray(dst, d);
                        FloatVector.fromArray(SPECIES, b, src + LANES, m1).intoArray(dst, d + LANES);
                    }
                }
            } else {
                // element (p, j) at b[bOff + j * ldb + p]: transpose NR rows of B into k-major order
                for (int s = 0; s < NR; s++) {
                    if (s < cols) {
                        int src = bOff + (j0 + jr + s) * ldb + p0;
                        for (int p = 0; p < kc; p++) {
                            dst[d + p * NR + s] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[d + p * NR + s] = 0f;
                        }
                    }
                }
                d += kc * NR;
            }
        }
    }
}
