package dev.vecnn.train;
import java.util.*;

/**
 * Time of one batch-128 gather of 784-float rows chosen at random from 48,000 (150 MB, beyond L3),
 * one thread: a System.arraycopy per row, against chunked copies that interleave several rows so
 * their cache misses overlap. Args: none. Epochs 3-8 are timed. bytesZscore keeps the rows as bytes (a
 * quarter of the memory traffic) and decodes them exactly as the per-image z-score does, bit for bit:
 * 2026-12-02, 69-73 us a batch against 34-37 for touch8/touch16 on floats: the double-precision
 * decode costs more than the bytes save, so the training set stays in floats.
 */
public class GatherVariants {
  static void perRow(float[] src, int[] order, int first, int rows, int f, float[] dst) {
    for (int i = 0; i < rows; i++) System.arraycopy(src, order[first + i] * f, dst, i * f, f);
  }
  static void interleaved(float[] src, int[] order, int first, int rows, int f, float[] dst, int group, int chunk) {
    for (int g = 0; g < rows; g += group) {
      int end = Math.min(rows, g + group);
      for (int c = 0; c < f; c += chunk) {
        int len = Math.min(chunk, f - c);
        for (int i = g; i < end; i++) System.arraycopy(src, order[first + i] * f + c, dst, i * f + c, len);
      }
    }
  }
  static float sink;
  /** Reads one float per cache line of the next group's rows, then copies the current group. */
  static void touchAhead(float[] src, int[] order, int first, int rows, int f, float[] dst, int group) {
    float s = 0;
    for (int i = 0; i < Math.min(group, rows); i++) { int o = order[first + i] * f; for (int c = 0; c < f; c += 16) s += src[o + c]; }
    for (int g = 0; g < rows; g += group) {
      int next = g + group, nextEnd = Math.min(rows, next + group);
      for (int i = next; i < nextEnd; i++) { int o = order[first + i] * f; for (int c = 0; c < f; c += 16) s += src[o + c]; }
      for (int i = g; i < Math.min(rows, g + group); i++) System.arraycopy(src, order[first + i] * f, dst, i * f, f);
    }
    sink += s;
  }
  static final jdk.incubator.vector.VectorSpecies<Byte> B128 = jdk.incubator.vector.ByteVector.SPECIES_128;
  static final jdk.incubator.vector.VectorSpecies<Integer> I512 = jdk.incubator.vector.IntVector.SPECIES_512;
  static final jdk.incubator.vector.VectorSpecies<Double> D512 = jdk.incubator.vector.DoubleVector.SPECIES_512;
  static final jdk.incubator.vector.VectorSpecies<Float> F256 = jdk.incubator.vector.FloatVector.SPECIES_256;
  /** Rows kept as bytes, decoded as the per-image z-score does: (float) ((b / 255f - mean) * scale) in double. */
  static void bytesZscore(byte[] src, double[] mean, double[] scale, int[] order, int first, int rows, int f, float[] dst) {
    for (int i = 0; i < rows; i++) {
      int row = order[first + i], o = row * f, d = i * f;
      double mu = mean[row], sc = scale[row];
      int j = 0;
      for (; j + 16 <= f; j += 16) {
        var iv = (jdk.incubator.vector.IntVector) jdk.incubator.vector.ByteVector.fromArray(B128, src, o + j)
            .convertShape(jdk.incubator.vector.VectorOperators.B2I, I512, 0);
        var fv = (jdk.incubator.vector.FloatVector) iv.and(0xFF).convert(jdk.incubator.vector.VectorOperators.I2F, 0);
        fv = fv.div(255f);
        for (int part = 0; part < 2; part++) {
          var dv = (jdk.incubator.vector.DoubleVector) fv.convertShape(jdk.incubator.vector.VectorOperators.F2D, D512, part);
          ((jdk.incubator.vector.FloatVector) dv.sub(mu).mul(sc).convertShape(jdk.incubator.vector.VectorOperators.D2F, F256, 0))
              .intoArray(dst, d + j + 8 * part);
        }
      }
      for (; j < f; j++) dst[d + j] = (float) (((src[o + j] & 0xFF) / 255f - mu) * sc);
    }
  }
  public static void main(String[] a) {
    int n = 48000, f = 784, batch = 128;
    float[] x = new float[n * f]; Random r = new Random(1);
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
    float[] xb = new float[batch * f];
    int[] order = new int[n]; for (int i = 0; i < n; i++) order[i] = i;
    byte[] x8 = new byte[n * f]; r.nextBytes(x8); double[] mu = new double[n], sc = new double[n];
    for (int i = 0; i < n; i++) { mu[i] = r.nextDouble(); sc[i] = 1 + r.nextDouble(); }
    { // the vector decode must equal the scalar one bit for bit
      int[] id = new int[n]; for (int i = 0; i < n; i++) id[i] = i;
      float[] got = new float[batch * f];
      bytesZscore(x8, mu, sc, id, 0, batch, f, got);
      for (int i = 0; i < batch; i++) for (int j = 0; j < f; j++) {
        float want = (float) (((x8[i * f + j] & 0xFF) / 255f - mu[i]) * sc[i]);
        if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(got[i * f + j])) throw new AssertionError(i + " " + j);
      }
    }
    String[] names = {"perRow", "inter8x256", "touch4", "touch8", "touch16", "touch32", "touchAll", "bytesZscore"};
    for (int v = 0; v < names.length * 2; v++) {
      int variant = v % names.length;
      long t = 0; int steps = 0;
      for (int ep = 0; ep < 8; ep++) {
        for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); int tmp = order[i]; order[i] = order[j]; order[j] = tmp; }
        for (int r0 = 0; r0 + batch <= n; r0 += batch) {
          long s = System.nanoTime();
          switch (variant) {
            case 0 -> perRow(x, order, r0, batch, f, xb);
            case 1 -> interleaved(x, order, r0, batch, f, xb, 8, 256);
            case 2 -> touchAhead(x, order, r0, batch, f, xb, 4);
            case 3 -> touchAhead(x, order, r0, batch, f, xb, 8);
            case 4 -> touchAhead(x, order, r0, batch, f, xb, 16);
            case 5 -> touchAhead(x, order, r0, batch, f, xb, 32);
            case 6 -> touchAhead(x, order, r0, batch, f, xb, 128);
            default -> bytesZscore(x8, mu, sc, order, r0, batch, f, xb);
          }
          long e = System.nanoTime();
          if (ep >= 2) { t += e - s; steps++; }
        }
      }
      System.out.printf("  %-12s %6.1f us per batch%n", names[variant], t / 1e3 / steps);
    }
  }
}
