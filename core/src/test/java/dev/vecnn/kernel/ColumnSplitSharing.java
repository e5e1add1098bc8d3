package dev.vecnn.kernel;

import java.util.Random;

/**
 * What the two-thread split of a minibatch forward product costs by where its slabs meet: C = tanh(X W + b),
 * X 128 x 784 (a batch), W 784 x 128 (in x out), run as two one-thread GEMMs in one pool region, one per
 * core, each on its own {@link Gemm}. "rows": each core takes 64 rows of X and C (the planner's split);
 * "cols": each takes 64 columns of W and C, so both read all of X and write halves of every row of C,
 * whose lines in the middle of a row both cores write; "cols, own C": each writes a private C; "cols, own
 * C and X": and reads a private copy of X. Prints the mean time a product per mode and each task's busy
 * time; arg: rounds (default 4), products a round 5000. Same operations in every mode, only sharing differs.
 */
public class ColumnSplitSharing {
  public static void main(String[] a) {
    int rounds = a.length > 0 ? Integer.parseInt(a[0]) : 4, k = 784, reps = 5000;
    Random r = new Random(1);
    float[] x = new float[128 * k], w = new float[k * 128], c = new float[128 * 128], bias = new float[128];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * 0.05f;
    float[][] ownC = {new float[128 * 128], new float[128 * 128]}, ownX = {x.clone(), x.clone()};
    String[] modes = {"rows", "cols", "cols, own C", "cols, own C and X"};
    try (KernelPool pool = KernelPool.create(2); KernelPool p0 = KernelPool.create(1); KernelPool p1 = KernelPool.create(1)) {
      Gemm[] g = {new Gemm(p0), new Gemm(p1)};
      long[] busy = new long[2];
      for (int round = 0; round < rounds; round++) {
        StringBuilder sb = new StringBuilder();
        for (int mode = 0; mode < modes.length; mode++) {
          final int m = mode;
          busy[0] = busy[1] = 0;
          long t0 = System.nanoTime();
          for (int i = 0; i < reps; i++) {
            pool.run(2, (worker, idx) -> {
              long s = System.nanoTime();
              if (m == 0) {
                g[idx].gemmBiasActivation(false, false, 64, 128, k, 1f, x, 64 * idx * k, k, w, 0, 128,
                    0f, c, 64 * idx * 128, 128, bias, 0, Activation.TANH);
              } else {
                float[] xs = m == 3 ? ownX[idx] : x, cs = m >= 2 ? ownC[idx] : c;
                g[idx].gemmBiasActivation(false, false, 128, 64, k, 1f, xs, 0, k, w, 64 * idx, 128,
                    0f, cs, 64 * idx, 128, bias, 64 * idx, Activation.TANH);
              }
              busy[idx] += System.nanoTime() - s;
            });
          }
          sb.append(String.format("%s %.1f us (tasks %.1f, %.1f)   ", modes[mode], (System.nanoTime() - t0) / 1e3 / reps,
              busy[0] / 1e3 / reps, busy[1] / 1e3 / reps));
        }
        System.out.println(sb.toString().trim());
      }
    }
  }
}
