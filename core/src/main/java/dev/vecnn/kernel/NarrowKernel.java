package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Products whose C is at most one vector wide and whose k is short (the output layer of a network
 * with a small hidden layer: 10 classes from 32 or 128 units): each row of C is one vector, the sum
 * over k of a(i, p) times row p of op(B), which the caller has padded with zeros to LANES floats in
 * a k x LANES buffer. A is untransposed and read in place, eight rows at a time. The dot tile spends
 * most of its time adding lanes across when k is short, and the 8 x 32 tile would leave 22 of its 32
 * lanes idle. With a long k (784) the dot tile wins, so the planner bounds k.
 *
 * <p>Each lane of a row is the chain fma(a, b, s) over p in order, in the eight-row loop and the
 * one-row loop alike, so splitting the rows over threads does not change a bit.
 */
final class NarrowKernel {
    private NarrowKernel() {}

    /** Rows of C that share each load of a row of B. Eight accumulators cover the FMA latency. */
    static final int ROWS = 8;

    /**
     * sums[(i - from) * LANES + lane] = sum over p in [0, k) of a[aOff + i * lda + p] * pb[p * LANES + lane]
     * for rows i in [from, to).
     */
    static void sums(int k, float[] a, int aOff, int lda, int from, int to, float[] pb, float[] sums) {
        int i = from;
        for (; i + ROWS <= to; i += ROWS) {
            eightRows(k, a, aOff + i * lda, lda, pb, sums, (i - from) * LANES);
        }
        for (; i < to; i++) {
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int p = 0, row = aOff + i * lda; p < k; p++) {
                acc = FloatVector.broadcast(SPECIES, a[row + p]).fma(FloatVector.fromArray(SPECIES, pb, p * LANES), acc);
            }
            acc.intoArray(sums, (i - from) * LANES);
        }
    }

    /** Indexed as row start plus p, so the JIT takes the bounds checks out of the loop. */
    private static void eightRows(int k, float[] a, int a0, int lda, float[] pb, float[] sums, int s) {
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        int r0 = a0, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda, r6 = r5 + lda, r7 = r6 + lda;
        for (int p = 0; p < k; p++) {
            FloatVector b = FloatVector.fromArray(SPECIES, pb, p * LANES);
            c0 = FloatVector.broadcast(SPECIES, a[r0 + p]).fma(b, c0);
            c1 = FloatVector.broadcast(SPECIES, a[r1 + p]).fma(b, c1);
            c2 = FloatVector.broadcast(SPECIES, a[r2 + p]).fma(b, c2);
            c3 = FloatVector.broadcast(SPECIES, a[r3 + p]).fma(b, c3);
            c4 = FloatVector.broadcast(SPECIES, a[r4 + p]).fma(b, c4);
            c5 = FloatVector.broadcast(SPECIES, a[r5 + p]).fma(b, c5);
            c6 = FloatVector.broadcast(SPECIES, a[r6 + p]).fma(b, c6);
            c7 = FloatVector.broadcast(SPECIES, a[r7 + p]).fma(b, c7);
        }
        c0.intoArray(sums, s);
        c1.intoArray(sums, s + LANES);
        c2.intoArray(sums, s + 2 * LANES);
        c3.intoArray(sums, s + 3 * LANES);
        c4.intoArray(sums, s + 4 * LANES);
        c5.intoArray(sums, s + 5 * LANES);
        c6.intoArray(sums, s + 6 * LANES);
        c7.intoArray(sums, s + 7 * LANES);
    }

    /**
     * The first {@code rows} rows of C (from c[cOff], leading dimension ldc, n columns) become
     * act(fma(C, beta, alpha * sums) + bias), C read only when beta is not 0; bias may be null.
     */
    static void writeBack(float[] sums, int rows, int n, float alpha, float beta, float[] c, int cOff, int ldc,
                          float[] bias, int biasOff, Activation act) {
        VectorMask<Float> mask = SPECIES.indexInRange(0, n);
        boolean readC = beta != 0f;
        FloatVector biasV = bias == null ? null : FloatVector.fromArray(SPECIES, bias, biasOff, mask);
        for (int r = 0, at = cOff; r < rows; r++, at += ldc) {
            FloatVector v = FloatVector.fromArray(SPECIES, sums, r * LANES).mul(alpha);
            if (readC) {
                v = FloatVector.fromArray(SPECIES, c, at, mask).fma(FloatVector.broadcast(SPECIES, beta), v);
            }
            if (biasV != null) {
                v = v.add(biasV);
            }
            v.intoArray(c, at, mask);
            if (act != Activation.IDENTITY) {
                Activations.forward(act, c, at, c, at, n);
            }
        }
    }
}
