package dev.vecnn.nn;
import dev.vecnn.kernel.*;
import java.util.*;

/**
 * Time per phase of 784-128-10 inference at batch 1000 over 10,000 random rows: the first product
 * alone, tanh alone, the product with tanh fused, the output product, the library's row argmax and a
 * branching scalar argmax. Arg: threads. Passes 21-80 are timed.
 */
public class InferencePhases {
  static void scalar(float[] z, int rows, int cols, int[] out) { for (int i = 0; i < rows; i++) { int row = i * cols, best = 0; for (int j = 1; j < cols; j++) if (z[row + j] > z[row + best]) best = j; out[i] = best; } }
  public static void main(String[] a) {
    int threads = Integer.parseInt(a[0]);
    int n = 10000, f = 784, batch = 1000;
    KernelPool pool = KernelPool.create(threads);
    Gemm gemm = new Gemm(pool);
    float[] x = new float[n * f]; Random r = new Random(1);
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    float[] w0 = new float[f * 128], b0 = new float[128], w1 = new float[128 * 10], b1 = new float[10];
    for (int i = 0; i < w0.length; i++) w0[i] = (float) (r.nextGaussian() * 0.05);
    for (int i = 0; i < w1.length; i++) w1[i] = (float) (r.nextGaussian() * 0.1);
    float[] h = new float[batch * 128], z = new float[batch * 10]; int[] pred = new int[batch];
    String[] names = {"gemm0", "tanh0", "gemm0+tanh", "gemm1", "argmax", "scalarArgmax"};
    long[] t = new long[names.length];
    for (int pass = 0; pass < 80; pass++) {
      if (pass == 20) Arrays.fill(t, 0);
      for (int r0 = 0; r0 < n; r0 += batch) {
        long s = System.nanoTime(), e;
        gemm.gemmBiasActivation(false, false, batch, 128, f, 1f, x, r0 * f, f, w0, 0, 128, 0f, h, 0, 128, b0, 0, Activation.IDENTITY); e = System.nanoTime(); t[0] += e - s; s = e;
        Activations.forward(Activation.TANH, h, 0, h, 0, batch * 128); e = System.nanoTime(); t[1] += e - s; s = e;
        gemm.gemmBiasActivation(false, false, batch, 128, f, 1f, x, r0 * f, f, w0, 0, 128, 0f, h, 0, 128, b0, 0, Activation.TANH); e = System.nanoTime(); t[2] += e - s; s = e;
        gemm.gemmBiasActivation(false, false, batch, 10, 128, 1f, h, 0, 128, w1, 0, 10, 0f, z, 0, 10, b1, 0, Activation.IDENTITY); e = System.nanoTime(); t[3] += e - s; s = e;
        Reductions.rowArgmax(z, 0, batch, 10, 10, pred, 0); e = System.nanoTime(); t[4] += e - s; s = e;
        scalar(z, batch, 10, pred); e = System.nanoTime(); t[5] += e - s;
      }
    }
    for (int i = 0; i < names.length; i++) System.out.printf("  %-11s %7.3f ms per 10000 rows%n", names[i], t[i] / 60 / 1e6);
    pool.close();
  }
}
