package dev.vecnn.kernel;
import java.util.*;

/**
 * Time to pack a whole m x 784 op(A) in MC x KC blocks, as the packed GEMM does, with the scalar
 * reference and with Packing.packA (vector copies and the in-register transpose), both
 * orientations; then a transposed B of 784 x m (the forward product's weights in out-in layout)
 * in NC x KC blocks, reference against Packing.packB. Arg: m (192 keeps A in L2; 1000 is an
 * inference batch, from L3); -Dk=N for another depth (row length). Rounds 8-13 are printed.
 */
public class PackingVariants {
  interface Pack { void run(boolean reference, int pc, int kc, int from, int count); }

  static void time(String name, int m, int k, int block, Pack pack) {
    for (int round = 0; round < 14; round++) {
      for (int v = 0; v < 2; v++) {
        int reps = 200; long t0 = System.nanoTime();
        for (int rep = 0; rep < reps; rep++)
          for (int pc = 0; pc < k; pc += Blocking.KC) { int kc = Math.min(Blocking.KC, k - pc);
            for (int from = 0; from < m; from += block) pack.run(v == 0, pc, kc, from, Math.min(block, m - from)); }
        double ns = (System.nanoTime() - t0) / (double) reps / ((double) m * k);
        if (round >= 8) System.out.printf("%-3s round %2d %-9s %.3f ns per element%n", name, round, v == 0 ? "reference" : "vector", ns);
      }
    }
  }

  public static void main(String[] args) {
    int m = Integer.parseInt(args[0]), k = Integer.getInteger("k", 784);
    float[] a = new float[m * k]; Random r = new Random(3);
    for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
    float[] pa = new float[Blocking.roundUp(Blocking.MC, Blocking.MR) * Blocking.KC * Blocking.A_STRIDE];
    float[] pb = new float[Blocking.roundUp(Math.min(Blocking.NC, m), Blocking.NR) * Blocking.KC];
    for (boolean transA : new boolean[] {false, true}) {
      int lda = transA ? m : k;
      time(transA ? "A^T" : "A", m, k, Blocking.MC, (ref, pc, kc, from, rows) -> {
        if (ref) Packing.packAReference(transA, a, 0, lda, from, rows, pc, kc, pa, 0);
        else Packing.packA(transA, a, 0, lda, from, rows, pc, kc, pa); });
    }
    // B^T stored m x k (row j = column j of op(B)): the same array as A
    time("B^T", m, k, Blocking.NC, (ref, pc, kc, from, cols) -> {
      if (ref) Packing.packBReference(true, a, 0, k, from, cols, pc, kc, pb, 0);
      else Packing.packB(true, a, 0, k, from, cols, pc, kc, pb, 0); });
  }
}
