package dev.vecnn.train;
import java.util.*;

/**
 * Time of one batch-128 gather of 784-float rows chosen at random from 48,000 (150 MB, beyond L3),
 * one thread: a System.arraycopy per row, against chunked copies that interleave several rows so
 * their cache misses overlap. Args: none. Epochs 3-8 are timed.
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
  public static void main(String[] a) {
    int n = 48000, f = 784, batch = 128;
    float[] x = new float[n * f]; Random r = new Random(1);
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
    float[] xb = new float[batch * f];
    int[] order = new int[n]; for (int i = 0; i < n; i++) order[i] = i;
    String[] names = {"perRow", "inter8x256", "touch4", "touch8", "touch16", "touch32", "touchAll"};
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
            default -> touchAhead(x, order, r0, batch, f, xb, 128);
          }
          long e = System.nanoTime();
          if (ep >= 2) { t += e - s; steps++; }
        }
      }
      System.out.printf("  %-12s %6.1f us per batch%n", names[variant], t / 1e3 / steps);
    }
  }
}
