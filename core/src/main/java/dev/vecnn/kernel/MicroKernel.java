package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.MR;
import static dev.vecnn.kernel.Blocking.NR;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * The register-tiled micro-kernel: an MR x NR = 8 x (2 vectors) block of C from a packed A panel
 * (MR floats per k) and a packed B panel (NR floats per k), 16 accumulators in registers.
 *
 * <p>Everything lives in this one method on purpose: vectors passed to a method the JIT does not
 * inline are boxed, which costs an order of magnitude. The loop body has no branches; the edges of
 * C were absorbed by zero padding in {@link Packing} and are handled only at write-back.
 *
 * <p>Write-back: C = alpha * acc + betaEff * C, where C is not read when {@code readC} is false
 * (beta == 0 on the first depth block). Full tiles are stored straight from the registers; edge
 * tiles go through {@code tile} (MR * NR floats) with the same arithmetic, so the bits of an element
 * do not depend on which kind of tile computed it.
 */
final class MicroKernel {
    private MicroKernel() {}

    static void kernel(int kc, float[] pa, int aOff, float[] pb, int bOff,
                       float[] c, int cOff, int ldc, int rows, int cols,
                       float alpha, boolean readC, float betaEff, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES), c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES), c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES), c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES), c71 = FloatVector.zero(SPECIES);
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bi + LANES);
            FloatVector a;
            a = FloatVector.broadcast(SPECIES, pa[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, pa[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, pa[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, pa[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, pa[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, pa[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(SPECIES, pa[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(SPECIES, pa[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            ai += MR;
            bi += NR;
        }
        FloatVector av = FloatVector.broadcast(SPECIES, alpha);
        if (rows == MR && cols == NR) {
            int o = cOff;
            if (!readC) {
                c00.mul(av).intoArray(c, o); c01.mul(av).intoArray(c, o + LANES); o += ldc;
                c10.mul(av).intoArray(c, o); c11.mul(av).intoArray(c, o + LANES); o += ldc;
                c20.mul(av).intoArray(c, o); c21.mul(av).intoArray(c, o + LANES); o += ldc;
                c30.mul(av).intoArray(c, o); c31.mul(av).intoArray(c, o + LANES); o += ldc;
                c40.mul(av).intoArray(c, o); c41.mul(av).intoArray(c, o + LANES); o += ldc;
                c50.mul(av).intoArray(c, o); c51.mul(av).intoArray(c, o + LANES); o += ldc;
                c60.mul(av).intoArray(c, o); c61.mul(av).intoArray(c, o + LANES); o += ldc;
                c70.mul(av).intoArray(c, o); c71.mul(av).intoArray(c, o + LANES); o += ldc;
            } else {
                FloatVector bv = FloatVector.broadcast(SPECIES, betaEff);
                FloatVector.fromArray(SPECIES, c, o).fma(bv, c00.mul(av)).intoArray(c, o);
                FloatVector.fromArray(SPECIES, c, o + LANES).fma(bv, c01.mul(av)).intoArray(c, o + LANES);
                o += ldc;
                FloatVector.fromArray(SPECIES, c, o).fma(bv, c10.mul(av)).intoArray(c, o);
                FloatVector.fromArray(SPECIES, c, o + LANES).fma(bv, c11.mul(av)).intoArray(c, o + LANES);
                o += ldc;
                FloatVector.fromArray(SPECIES, c, o).fma(bv, c20.mul(av)).intoArray(c, o);
                FloatVector.fromArray(SPECIES, c, o + LANES).fma(bv, c21.mul(av)).intoArray(c, o + LANES);
                o += ldc;
                FloatVector.fromArray(SPECIES, c, o).fma(bv, c30.mul(av)).intoArray(c, o);
                FloatVector.fromArray(SPECIES, c, o + LANES).fma(bv, c31.mul(av)).intoArray(c, o + LANES);
                o += ldc;
                FloatVector.fromArray(SPECIES, c, o).fma(bv, c40.mul(av)).intoArray(c, o);
                FloatVector.fromArray(SPECIES, c, o + LANES).fma(bv, c41.mul(av)).intoArray(c, o + LANES);
                o += ldc;
                FloatVector.fromArray(SPECIES, c, o).fma(bv, c50.mul(av)).intoArray(c, o);
                FloatVector.fromArray(SPECIES, c, o + LANES).fma(bv, c51.mul(av)).intoArray(c, o + LANES);
                o += ldc;
                FloatVector.fromArray(SPECIES, c, o).fma(bv, c60.mul(av)).intoArray(c, o);
                FloatVector.fromArray(SPECIES, c, o + LANES).fma(bv, c61.mul(av)).intoArray(c, o + LANES);
                o += ldc;
                FloatVector.fromArray(SPECIES, c, o).fma(bv, c70.mul(av)).intoArray(c, o);
                FloatVector.fromArray(SPECIES, c, o + LANES).fma(bv, c71.mul(av)).intoArray(c, o + LANES);
                o += ldc;
            }
            return;
        }
        c00.mul(av).intoArray(tile, 0 * NR); c01.mul(av).intoArray(tile, 0 * NR + LANES);
        c10.mul(av).intoArray(tile, 1 * NR); c11.mul(av).intoArray(tile, 1 * NR + LANES);
        c20.mul(av).intoArray(tile, 2 * NR); c21.mul(av).intoArray(tile, 2 * NR + LANES);
        c30.mul(av).intoArray(tile, 3 * NR); c31.mul(av).intoArray(tile, 3 * NR + LANES);
        c40.mul(av).intoArray(tile, 4 * NR); c41.mul(av).intoArray(tile, 4 * NR + LANES);
        c50.mul(av).intoArray(tile, 5 * NR); c51.mul(av).intoArray(tile, 5 * NR + LANES);
        c60.mul(av).intoArray(tile, 6 * NR); c61.mul(av).intoArray(tile, 6 * NR + LANES);
        c70.mul(av).intoArray(tile, 7 * NR); c71.mul(av).intoArray(tile, 7 * NR + LANES);
        for (int r = 0; r < rows; r++) {
            int o = cOff + r * ldc;
            for (int j = 0; j < cols; j++) {
                float v = tile[r * NR + j];
                c[o + j] = readC ? Math.fma(c[o + j], betaEff, v) : v;
            }
        }
    }
}
