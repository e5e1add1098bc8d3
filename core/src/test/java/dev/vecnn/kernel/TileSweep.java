package dev.vecnn.kernel;
import jdk.incubator.vector.*;
/**
 * One register tile alone, as Gemm's packed loop runs it: an A panel of MR x kc floats (L1) against
 * {@code tiles} B panels of kc x 32 floats (L2 beyond one), C accumulated in place. Tiles of 8, 12
 * and 14 rows, written like MicroKernel's. Args: rows kc tiles [panelsA]; prints GFLOP/s of the last 3
 * of 8 passes. With panelsA > 1, that many A panels are swept against each B panel (BLIS's order: B
 * in L1, A from L2); 2026-12-02, 8 rows, kc 256: 4 B panels 198-204, 16 A panels 196-206 GFLOP/s.
 */
public class TileSweep {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  static void k8(int kc, float[] pa, int aOff, int aStep, float[] pb, int bOff, int bStep, float[] c, int cOff, int ldc) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
    FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
    int ai = aOff, bi = bOff;
    for (int p = 0; p < kc; p++) {
      FloatVector b0 = FloatVector.fromArray(S, pb, bi), b1 = FloatVector.fromArray(S, pb, bi + 16); FloatVector a;
      a = FloatVector.broadcast(S, pa[ai + 0]); c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
      a = FloatVector.broadcast(S, pa[ai + 1]); c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
      a = FloatVector.broadcast(S, pa[ai + 2]); c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
      a = FloatVector.broadcast(S, pa[ai + 3]); c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
      a = FloatVector.broadcast(S, pa[ai + 4]); c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
      a = FloatVector.broadcast(S, pa[ai + 5]); c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
      a = FloatVector.broadcast(S, pa[ai + 6]); c60 = a.fma(b0, c60); c61 = a.fma(b1, c61);
      a = FloatVector.broadcast(S, pa[ai + 7]); c70 = a.fma(b0, c70); c71 = a.fma(b1, c71);
      ai += aStep; bi += bStep;
    }
    int o = cOff;
    FloatVector.fromArray(S, c, o).add(c00).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c01).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c10).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c11).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c20).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c21).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c30).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c31).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c40).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c41).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c50).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c51).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c60).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c61).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c70).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c71).intoArray(c, o + 16); o += ldc;
  }
  static void k12(int kc, float[] pa, int aOff, int aStep, float[] pb, int bOff, int bStep, float[] c, int cOff, int ldc) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
    FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
    FloatVector c80 = FloatVector.zero(S), c81 = FloatVector.zero(S);
    FloatVector c90 = FloatVector.zero(S), c91 = FloatVector.zero(S);
    FloatVector c100 = FloatVector.zero(S), c101 = FloatVector.zero(S);
    FloatVector c110 = FloatVector.zero(S), c111 = FloatVector.zero(S);
    int ai = aOff, bi = bOff;
    for (int p = 0; p < kc; p++) {
      FloatVector b0 = FloatVector.fromArray(S, pb, bi), b1 = FloatVector.fromArray(S, pb, bi + 16); FloatVector a;
      a = FloatVector.broadcast(S, pa[ai + 0]); c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
      a = FloatVector.broadcast(S, pa[ai + 1]); c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
      a = FloatVector.broadcast(S, pa[ai + 2]); c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
      a = FloatVector.broadcast(S, pa[ai + 3]); c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
      a = FloatVector.broadcast(S, pa[ai + 4]); c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
      a = FloatVector.broadcast(S, pa[ai + 5]); c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
      a = FloatVector.broadcast(S, pa[ai + 6]); c60 = a.fma(b0, c60); c61 = a.fma(b1, c61);
      a = FloatVector.broadcast(S, pa[ai + 7]); c70 = a.fma(b0, c70); c71 = a.fma(b1, c71);
      a = FloatVector.broadcast(S, pa[ai + 8]); c80 = a.fma(b0, c80); c81 = a.fma(b1, c81);
      a = FloatVector.broadcast(S, pa[ai + 9]); c90 = a.fma(b0, c90); c91 = a.fma(b1, c91);
      a = FloatVector.broadcast(S, pa[ai + 10]); c100 = a.fma(b0, c100); c101 = a.fma(b1, c101);
      a = FloatVector.broadcast(S, pa[ai + 11]); c110 = a.fma(b0, c110); c111 = a.fma(b1, c111);
      ai += aStep; bi += bStep;
    }
    int o = cOff;
    FloatVector.fromArray(S, c, o).add(c00).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c01).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c10).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c11).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c20).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c21).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c30).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c31).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c40).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c41).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c50).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c51).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c60).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c61).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c70).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c71).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c80).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c81).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c90).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c91).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c100).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c101).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c110).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c111).intoArray(c, o + 16); o += ldc;
  }
  static void k14(int kc, float[] pa, int aOff, int aStep, float[] pb, int bOff, int bStep, float[] c, int cOff, int ldc) {
    FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
    FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
    FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
    FloatVector c80 = FloatVector.zero(S), c81 = FloatVector.zero(S);
    FloatVector c90 = FloatVector.zero(S), c91 = FloatVector.zero(S);
    FloatVector c100 = FloatVector.zero(S), c101 = FloatVector.zero(S);
    FloatVector c110 = FloatVector.zero(S), c111 = FloatVector.zero(S);
    FloatVector c120 = FloatVector.zero(S), c121 = FloatVector.zero(S);
    FloatVector c130 = FloatVector.zero(S), c131 = FloatVector.zero(S);
    int ai = aOff, bi = bOff;
    for (int p = 0; p < kc; p++) {
      FloatVector b0 = FloatVector.fromArray(S, pb, bi), b1 = FloatVector.fromArray(S, pb, bi + 16); FloatVector a;
      a = FloatVector.broadcast(S, pa[ai + 0]); c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
      a = FloatVector.broadcast(S, pa[ai + 1]); c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
      a = FloatVector.broadcast(S, pa[ai + 2]); c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
      a = FloatVector.broadcast(S, pa[ai + 3]); c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
      a = FloatVector.broadcast(S, pa[ai + 4]); c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
      a = FloatVector.broadcast(S, pa[ai + 5]); c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
      a = FloatVector.broadcast(S, pa[ai + 6]); c60 = a.fma(b0, c60); c61 = a.fma(b1, c61);
      a = FloatVector.broadcast(S, pa[ai + 7]); c70 = a.fma(b0, c70); c71 = a.fma(b1, c71);
      a = FloatVector.broadcast(S, pa[ai + 8]); c80 = a.fma(b0, c80); c81 = a.fma(b1, c81);
      a = FloatVector.broadcast(S, pa[ai + 9]); c90 = a.fma(b0, c90); c91 = a.fma(b1, c91);
      a = FloatVector.broadcast(S, pa[ai + 10]); c100 = a.fma(b0, c100); c101 = a.fma(b1, c101);
      a = FloatVector.broadcast(S, pa[ai + 11]); c110 = a.fma(b0, c110); c111 = a.fma(b1, c111);
      a = FloatVector.broadcast(S, pa[ai + 12]); c120 = a.fma(b0, c120); c121 = a.fma(b1, c121);
      a = FloatVector.broadcast(S, pa[ai + 13]); c130 = a.fma(b0, c130); c131 = a.fma(b1, c131);
      ai += aStep; bi += bStep;
    }
    int o = cOff;
    FloatVector.fromArray(S, c, o).add(c00).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c01).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c10).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c11).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c20).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c21).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c30).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c31).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c40).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c41).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c50).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c51).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c60).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c61).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c70).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c71).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c80).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c81).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c90).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c91).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c100).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c101).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c110).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c111).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c120).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c121).intoArray(c, o + 16); o += ldc;
    FloatVector.fromArray(S, c, o).add(c130).intoArray(c, o); FloatVector.fromArray(S, c, o + 16).add(c131).intoArray(c, o + 16); o += ldc;
  }
  public static void main(String[] a) {
    int mr = Integer.parseInt(a[0]); int kc = Integer.parseInt(a[1]); int tilesN = Integer.parseInt(a[2]);
    // Optional 4th arg: A panels swept against each B panel (B in L1, A panels from L2: BLIS's order).
    int panelsA = a.length > 3 ? Integer.parseInt(a[3]) : 1;
    float[] pa = new float[mr * kc * panelsA], pb = new float[32 * kc * tilesN], c = new float[mr * panelsA * 32 * tilesN];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < pa.length; i++) pa[i] = r.nextFloat() * 1e-3f;
    for (int i = 0; i < pb.length; i++) pb[i] = r.nextFloat() * 1e-3f;
    int ldc = 32 * tilesN;
    for (int rep = 0; rep < 8; rep++) {
      long reps = 400_000_000L / ((long) kc * tilesN * mr * panelsA);
      long s = System.nanoTime();
      for (long i = 0; i < reps; i++) for (int j = 0; j < tilesN; j++) for (int q = 0; q < panelsA; q++) {
        int ao = q * mr * kc, co = q * mr * ldc + j * 32;
        if (mr == 8) k8(kc, pa, ao, 8, pb, j * 32 * kc, 32, c, co, ldc);
        else if (mr == 12) k12(kc, pa, ao, 12, pb, j * 32 * kc, 32, c, co, ldc);
        else k14(kc, pa, ao, 14, pb, j * 32 * kc, 32, c, co, ldc);
      }
      long e = System.nanoTime();
      if (rep >= 5) System.out.printf("mr %d kc %d tiles %d panelsA %d: %.1f GFLOP/s%n", mr, kc, tilesN, panelsA, 2.0 * mr * 32 * kc * reps * tilesN * panelsA / (e - s));
    }
  }
}
