package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.A_STRIDE;
import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.MR;
import static dev.vecnn.kernel.Blocking.NR;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

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
     *
     * <p>Full panels of the 8-row tile are moved in vectors: a transposed A gives the 8 values of
     * one k contiguously (two k-steps are loaded into one vector), and an untransposed A is
     * transposed 8 rows by 16 k at a time in registers. The scalar copy cost a quarter to a third
     * of a nanosecond an element, 10-15% of a batch-128 or batch-1000 product; the vector paths
     * take half of that or less ({@code bench/profile/run dev.vecnn.kernel.PackingVariants}).
     * Panels cut by the edge go through the scalar reference, the last k below a multiple of 16
     * (or 2) element by element.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, float[] dst) {
        if (A_STRIDE != 1) {
            packAReference(transA, a, aOff, lda, i0, mc, p0, kc, dst, 0);
            return;
        }
        int d = 0;
        for (int ir = 0; ir < mc; ir += MR, d += kc * MR) {
            int rows = Math.min(MR, mc - ir);
            if (rows < MR) {
                packAReference(transA, a, aOff, lda, i0 + ir, rows, p0, kc, dst, d);
            } else if (transA) {
                int src = aOff + p0 * lda + i0 + ir;
                int p = 0;
                if (LANES == 16) {
                    // two k-steps a vector: 8 floats at k into lanes 0-7, 8 at k + 1 into lanes 8-15
                    // (masked loads touch only the panel's own cache lines)
                    for (; p + 2 <= kc; p += 2, src += 2 * lda) {
                        FloatVector.fromArray(SPECIES, a, src, LOW_HALF)
                                .blend(FloatVector.fromArray(SPECIES, a, src + lda - 8, HIGH_HALF), HIGH_HALF)
                                .intoArray(dst, d + p * MR);
                    }
                }
                for (; p < kc; p++, src += lda) {
                    for (int r = 0; r < MR; r++) {
                        dst[d + p * MR + r] = a[src + r];
                    }
                }
            } else {
                int src = aOff + (i0 + ir) * lda + p0;
                int p = 0;
                if (LANES == 16) {
                    for (; p + 16 <= kc; p += 16) {
                        transpose8x16(a, src + p, lda, dst, d + p * MR);
                    }
                }
                for (int r = 0; r < MR; r++) {
                    for (int q = p; q < kc; q++) {
                        dst[d + q * MR + r] = a[src + r * lda + q];
                    }
                }
            }
        }
    }

    // Two-vector shuffles (indices 16-31 pick from the second vector): the three rounds of the
    // 8 x 16 transpose, and the lower or upper halves of two vectors (the 16 x 16 one's last round).
    private static final VectorShuffle<Float> PAIRS_LO = shuffle(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    private static final VectorShuffle<Float> PAIRS_HI = shuffle(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
    private static final VectorShuffle<Float> QUADS_LO = shuffle(0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23);
    private static final VectorShuffle<Float> QUADS_HI = shuffle(8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31);
    private static final VectorShuffle<Float> OCTS_LO = shuffle(0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23);
    private static final VectorShuffle<Float> OCTS_HI = shuffle(8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31);
    private static final VectorShuffle<Float> HALVES = shuffle(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
    private static final VectorShuffle<Float> UPPER_HALVES = shuffle(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);

    private static final VectorMask<Float> LOW_HALF = LANES == 16 ? SPECIES.indexInRange(0, 8) : null;
    private static final VectorMask<Float> HIGH_HALF = LANES == 16 ? LOW_HALF.not() : null;

    private static VectorShuffle<Float> shuffle(int... indices) {
        if (LANES != 16) {
            return null; // the transpose runs only with 16 lanes
        }
        return VectorShuffle.fromArray(SPECIES, indices, 0);
    }

    /**
     * Rows r = 0..7 of 16 floats each, row r at a[src + r * lda], into dst[d ...] as 16 k-steps of
     * 8 floats (k-major). Three rounds of two-vector shuffles interleave single floats, then
     * pairs, then quads of rows; each output vector holds two k-steps.
     */
    private static void transpose8x16(float[] a, int src, int lda, float[] dst, int d) {
        FloatVector r0 = FloatVector.fromArray(SPECIES, a, src);
        FloatVector r1 = FloatVector.fromArray(SPECIES, a, src + lda);
        FloatVector r2 = FloatVector.fromArray(SPECIES, a, src + 2 * lda);
        FloatVector r3 = FloatVector.fromArray(SPECIES, a, src + 3 * lda);
        FloatVector r4 = FloatVector.fromArray(SPECIES, a, src + 4 * lda);
        FloatVector r5 = FloatVector.fromArray(SPECIES, a, src + 5 * lda);
        FloatVector r6 = FloatVector.fromArray(SPECIES, a, src + 6 * lda);
        FloatVector r7 = FloatVector.fromArray(SPECIES, a, src + 7 * lda);
        // rows (0,1), (2,3), (4,5), (6,7) interleaved: lo holds k 0-7, hi k 8-15
        FloatVector p01l = r0.rearrange(PAIRS_LO, r1), p01h = r0.rearrange(PAIRS_HI, r1);
        FloatVector p23l = r2.rearrange(PAIRS_LO, r3), p23h = r2.rearrange(PAIRS_HI, r3);
        FloatVector p45l = r4.rearrange(PAIRS_LO, r5), p45h = r4.rearrange(PAIRS_HI, r5);
        FloatVector p67l = r6.rearrange(PAIRS_LO, r7), p67h = r6.rearrange(PAIRS_HI, r7);
        // rows 0-3 and 4-7 by k: k 0-3, 4-7, 8-11, 12-15
        FloatVector q0 = p01l.rearrange(QUADS_LO, p23l), q1 = p01l.rearrange(QUADS_HI, p23l);
        FloatVector q2 = p01h.rearrange(QUADS_LO, p23h), q3 = p01h.rearrange(QUADS_HI, p23h);
        FloatVector u0 = p45l.rearrange(QUADS_LO, p67l), u1 = p45l.rearrange(QUADS_HI, p67l);
        FloatVector u2 = p45h.rearrange(QUADS_LO, p67h), u3 = p45h.rearrange(QUADS_HI, p67h);
        // all eight rows, two k-steps a vector
        q0.rearrange(OCTS_LO, u0).intoArray(dst, d);
        q0.rearrange(OCTS_HI, u0).intoArray(dst, d + 16);
        q1.rearrange(OCTS_LO, u1).intoArray(dst, d + 32);
        q1.rearrange(OCTS_HI, u1).intoArray(dst, d + 48);
        q2.rearrange(OCTS_LO, u2).intoArray(dst, d + 64);
        q2.rearrange(OCTS_HI, u2).intoArray(dst, d + 80);
        q3.rearrange(OCTS_LO, u3).intoArray(dst, d + 96);
        q3.rearrange(OCTS_HI, u3).intoArray(dst, d + 112);
    }

    /**
     * Rows r = 0..15 of 16 floats each, row r at b[src + r * ldb], into 16 k-steps of 16 floats,
     * k-step p at dst[d + p * NR] (16 columns of a B panel): the three rounds of {@link #transpose8x16} on rows 0-7 and on
     * rows 8-15, then a fourth that joins the two halves of each k-step. (One method with the
     * eight-row rounds written out twice: vectors handed to a method the JIT does not inline are
     * boxed, and a variant with strided half-vector stores ran 5 times slower.)
     */
    private static void transpose16x16(float[] b, int src, int ldb, float[] dst, int d) {
        FloatVector ra0 = FloatVector.fromArray(SPECIES, b, src);
        FloatVector ra1 = FloatVector.fromArray(SPECIES, b, src + ldb);
        FloatVector ra2 = FloatVector.fromArray(SPECIES, b, src + 2 * ldb);
        FloatVector ra3 = FloatVector.fromArray(SPECIES, b, src + 3 * ldb);
        FloatVector ra4 = FloatVector.fromArray(SPECIES, b, src + 4 * ldb);
        FloatVector ra5 = FloatVector.fromArray(SPECIES, b, src + 5 * ldb);
        FloatVector ra6 = FloatVector.fromArray(SPECIES, b, src + 6 * ldb);
        FloatVector ra7 = FloatVector.fromArray(SPECIES, b, src + 7 * ldb);
        FloatVector pa01l = ra0.rearrange(PAIRS_LO, ra1), pa01h = ra0.rearrange(PAIRS_HI, ra1);
        FloatVector pa23l = ra2.rearrange(PAIRS_LO, ra3), pa23h = ra2.rearrange(PAIRS_HI, ra3);
        FloatVector pa45l = ra4.rearrange(PAIRS_LO, ra5), pa45h = ra4.rearrange(PAIRS_HI, ra5);
        FloatVector pa67l = ra6.rearrange(PAIRS_LO, ra7), pa67h = ra6.rearrange(PAIRS_HI, ra7);
        FloatVector qa0 = pa01l.rearrange(QUADS_LO, pa23l), qa1 = pa01l.rearrange(QUADS_HI, pa23l);
        FloatVector qa2 = pa01h.rearrange(QUADS_LO, pa23h), qa3 = pa01h.rearrange(QUADS_HI, pa23h);
        FloatVector ua0 = pa45l.rearrange(QUADS_LO, pa67l), ua1 = pa45l.rearrange(QUADS_HI, pa67l);
        FloatVector ua2 = pa45h.rearrange(QUADS_LO, pa67h), ua3 = pa45h.rearrange(QUADS_HI, pa67h);
        FloatVector rb0 = FloatVector.fromArray(SPECIES, b, src + 8 * ldb);
        FloatVector rb1 = FloatVector.fromArray(SPECIES, b, src + 9 * ldb);
        FloatVector rb2 = FloatVector.fromArray(SPECIES, b, src + 10 * ldb);
        FloatVector rb3 = FloatVector.fromArray(SPECIES, b, src + 11 * ldb);
        FloatVector rb4 = FloatVector.fromArray(SPECIES, b, src + 12 * ldb);
        FloatVector rb5 = FloatVector.fromArray(SPECIES, b, src + 13 * ldb);
        FloatVector rb6 = FloatVector.fromArray(SPECIES, b, src + 14 * ldb);
        FloatVector rb7 = FloatVector.fromArray(SPECIES, b, src + 15 * ldb);
        FloatVector pb01l = rb0.rearrange(PAIRS_LO, rb1), pb01h = rb0.rearrange(PAIRS_HI, rb1);
        FloatVector pb23l = rb2.rearrange(PAIRS_LO, rb3), pb23h = rb2.rearrange(PAIRS_HI, rb3);
        FloatVector pb45l = rb4.rearrange(PAIRS_LO, rb5), pb45h = rb4.rearrange(PAIRS_HI, rb5);
        FloatVector pb67l = rb6.rearrange(PAIRS_LO, rb7), pb67h = rb6.rearrange(PAIRS_HI, rb7);
        FloatVector qb0 = pb01l.rearrange(QUADS_LO, pb23l), qb1 = pb01l.rearrange(QUADS_HI, pb23l);
        FloatVector qb2 = pb01h.rearrange(QUADS_LO, pb23h), qb3 = pb01h.rearrange(QUADS_HI, pb23h);
        FloatVector ub0 = pb45l.rearrange(QUADS_LO, pb67l), ub1 = pb45l.rearrange(QUADS_HI, pb67l);
        FloatVector ub2 = pb45h.rearrange(QUADS_LO, pb67h), ub3 = pb45h.rearrange(QUADS_HI, pb67h);
        FloatVector oa0 = qa0.rearrange(OCTS_LO, ua0), oa1 = qa0.rearrange(OCTS_HI, ua0);
        FloatVector oa2 = qa1.rearrange(OCTS_LO, ua1), oa3 = qa1.rearrange(OCTS_HI, ua1);
        FloatVector oa4 = qa2.rearrange(OCTS_LO, ua2), oa5 = qa2.rearrange(OCTS_HI, ua2);
        FloatVector oa6 = qa3.rearrange(OCTS_LO, ua3), oa7 = qa3.rearrange(OCTS_HI, ua3);
        FloatVector ob0 = qb0.rearrange(OCTS_LO, ub0), ob1 = qb0.rearrange(OCTS_HI, ub0);
        FloatVector ob2 = qb1.rearrange(OCTS_LO, ub1), ob3 = qb1.rearrange(OCTS_HI, ub1);
        FloatVector ob4 = qb2.rearrange(OCTS_LO, ub2), ob5 = qb2.rearrange(OCTS_HI, ub2);
        FloatVector ob6 = qb3.rearrange(OCTS_LO, ub3), ob7 = qb3.rearrange(OCTS_HI, ub3);
        // k-step 2t: lanes 0-7 of each half's vector t; k-step 2t + 1: lanes 8-15
        oa0.rearrange(HALVES, ob0).intoArray(dst, d);
        oa0.rearrange(UPPER_HALVES, ob0).intoArray(dst, d + NR);
        oa1.rearrange(HALVES, ob1).intoArray(dst, d + 2 * NR);
        oa1.rearrange(UPPER_HALVES, ob1).intoArray(dst, d + 3 * NR);
        oa2.rearrange(HALVES, ob2).intoArray(dst, d + 4 * NR);
        oa2.rearrange(UPPER_HALVES, ob2).intoArray(dst, d + 5 * NR);
        oa3.rearrange(HALVES, ob3).intoArray(dst, d + 6 * NR);
        oa3.rearrange(UPPER_HALVES, ob3).intoArray(dst, d + 7 * NR);
        oa4.rearrange(HALVES, ob4).intoArray(dst, d + 8 * NR);
        oa4.rearrange(UPPER_HALVES, ob4).intoArray(dst, d + 9 * NR);
        oa5.rearrange(HALVES, ob5).intoArray(dst, d + 10 * NR);
        oa5.rearrange(UPPER_HALVES, ob5).intoArray(dst, d + 11 * NR);
        oa6.rearrange(HALVES, ob6).intoArray(dst, d + 12 * NR);
        oa6.rearrange(UPPER_HALVES, ob6).intoArray(dst, d + 13 * NR);
        oa7.rearrange(HALVES, ob7).intoArray(dst, d + 14 * NR);
        oa7.rearrange(UPPER_HALVES, ob7).intoArray(dst, d + 15 * NR);
    }

    /**
     * The scalar reference of {@link #packA} (the tests' oracle, and the path of edge panels):
     * the same layout, from {@code dst[dstOff]}.
     */
    static void packAReference(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                               float[] dst, int dstOff) {
        int d = dstOff;
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
     * Columns beyond nc are zero. A transposed B is transposed 16 rows by 16 k at a time in
     * registers, like an A panel.
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
                // element (p, j) at b[bOff + j * ldb + p]: transpose NR rows of B into k-major order,
                // 16 rows by 16 k at a time in registers, the rest of them and the padding by element
                int s = 0;
                if (LANES == 16) {
                    for (; s + 16 <= cols; s += 16) {
                        int src = bOff + (j0 + jr + s) * ldb + p0;
                        int p = 0;
                        for (; p + 16 <= kc; p += 16) {
                            transpose16x16(b, src + p, ldb, dst, d + p * NR + s);
                        }
                        for (int r = 0; r < 16; r++) {
                            for (int q = p; q < kc; q++) {
                                dst[d + q * NR + s + r] = b[src + r * ldb + q];
                            }
                        }
                    }
                }
                for (; s < NR; s++) {
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

    /** The scalar reference of {@link #packB} (the tests' oracle): the same layout. */
    static void packBReference(boolean transB, float[] b, int bOff, int ldb, int j0, int nc, int p0, int kc,
                               float[] dst, int dstOff) {
        int d = dstOff;
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            if (!transB) {
                int src = bOff + p0 * ldb + j0 + jr;
                for (int p = 0; p < kc; p++, src += ldb, d += NR) {
                    for (int j = 0; j < NR; j++) {
                        dst[d + j] = j < cols ? b[src + j] : 0f;
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
