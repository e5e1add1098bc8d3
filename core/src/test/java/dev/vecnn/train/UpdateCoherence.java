package dev.vecnn.train;
import dev.vecnn.kernel.KernelPool;

/**
 * What a two-thread update of the first layer's weights pays when the other core has read them. Two
 * threads, a 784 x 128 float array W: per step, (read) both threads read one float per cache line of
 * W, all of it ("readAll", as both do when each packs the whole weight matrix for a forward product
 * split by rows) or only the half each updates ("readOwn"), then stream a private 1.5 MB buffer (the
 * rest of a step's traffic); (update) each thread writes its half, w = w - 0.001 v. Prints the median
 * over rounds of the mean time per step of each phase. Arg: rounds (default 6).
 */
public class UpdateCoherence {
  static final float[] SUMS = new float[64];
  public static void main(String[] a) {
    int rounds = a.length > 0 ? Integer.parseInt(a[0]) : 6;
    int n = 784 * 128, pollute = 1536 * 1024 / 4, steps = 3000, skip = 1000;
    float[] w = new float[n], v = new float[n];
    java.util.Arrays.fill(w, 1f); java.util.Arrays.fill(v, 0.5f);
    float[][] priv = {new float[pollute], new float[pollute]};
    String[] modes = {"readAll", "readOwn"};
    double[][] read = new double[2][rounds], update = new double[2][rounds];
    try (KernelPool pool = KernelPool.create(2)) {
      for (int round = 0; round < rounds; round++) {
        for (int mode = 0; mode < 2; mode++) {
          final boolean own = mode == 1;
          long tr = 0, tu = 0;
          for (int s = 0; s < steps; s++) {
            long t0 = System.nanoTime();
            pool.run(2, (worker, idx) -> {
              float acc = 0; int from = own ? idx * n / 2 : 0, to = own ? (idx + 1) * n / 2 : n;
              for (int i = from; i < to; i += 16) acc += w[i];
              float[] p = priv[idx]; for (int i = 0; i < p.length; i += 16) acc += p[i]++;
              SUMS[idx * 16] += acc;
            });
            long t1 = System.nanoTime();
            pool.run(2, (worker, idx) -> {
              for (int i = idx * n / 2, to = (idx + 1) * n / 2; i < to; i++) w[i] = w[i] - 0.001f * v[i];
            });
            long t2 = System.nanoTime();
            if (s >= skip) { tr += t1 - t0; tu += t2 - t1; }
          }
          read[mode][round] = tr / 1e3 / (steps - skip);
          update[mode][round] = tu / 1e3 / (steps - skip);
        }
      }
    }
    for (int mode = 0; mode < 2; mode++) {
      System.out.printf("%-8s read+other %6.1f us   update %5.1f us   (update per round:", modes[mode], median(read[mode]), median(update[mode]));
      for (double u : update[mode]) System.out.printf(" %.1f", u);
      System.out.println(")");
    }
  }
  static double median(double[] x) { double[] s = x.clone(); java.util.Arrays.sort(s); return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; }
}
