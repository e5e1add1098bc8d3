package dev.vecnn.kernel;
import java.util.*;

/**
 * Time to pack a whole m x 784 op(A) in MC x KC blocks, as the packed GEMM does, with the scalar
 * reference and with Packing.packA (vector copies and the in-register transpose). Arg: m (192
 * keeps A in L2; 1000 is an inference batch, from L3). Both orientations; rounds 8-13 printed.
 */
public class PackAVariants {
  public static void main(String[] args) {
    int m = Integer.parseInt(args[0]), k = 784, mc = Blocking.MC, kcMax = Blocking.KC;
    float[] a = new float[m * k]; Random r = new Random(3);
    for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
    float[] dst = new float[Blocking.roundUp(mc, Blocking.MR) * kcMax * Blocking.A_STRIDE];
    for (boolean transA : new boolean[] {false, true}) {
      int lda = transA ? m : k;
      for (int round = 0; round < 14; round++) {
        for (int v = 0; v < 2; v++) {
          int reps = 200; long t0 = System.nanoTime();
          for (int rep = 0; rep < reps; rep++)
            for (int pc = 0; pc < k; pc += kcMax) { int kc = Math.min(kcMax, k - pc);
              for (int ic = 0; ic < m; ic += mc) { int rows = Math.min(mc, m - ic);
                if (v == 0) Packing.packAReference(transA, a, 0, lda, ic, rows, pc, kc, dst, 0);
                else Packing.packA(transA, a, 0, lda, ic, rows, pc, kc, dst); } }
          double ns = (System.nanoTime() - t0) / (double) reps / ((double) m * k);
          if (round >= 8) System.out.printf("%s round %2d %-9s %.3f ns per element%n", transA ? "A^T" : "A  ", round, v == 0 ? "reference" : "packA", ns);
        }
      }
    }
  }
}
