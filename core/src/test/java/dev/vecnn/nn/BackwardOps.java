package dev.vecnn.nn;
import dev.vecnn.kernel.*;
import java.util.*;
/**
 * Time per operation of the 784-128-10 backward pass at batch 128 (in-out weights, random values),
 * in the order Mlp.backward runs them: output-layer weight gradient, its bias gradient, the hidden
 * gradient through the output weights, tanh's derivative, the first layer's weight and bias
 * gradients. Arg: threads. Iterations 10,001-40,000 are timed.
 */
public class BackwardOps {
  public static void main(String[] a) {
    int threads = Integer.parseInt(a[0]);
    KernelPool pool = KernelPool.create(threads); Gemm g = new Gemm(pool);
    int b = 128, in = 784, h = 128, c = 10;
    Random r = new Random(1);
    float[] x = rnd(r, b * in), hAct = rnd(r, b * h), dz = rnd(r, b * c), w2 = rnd(r, h * c), dH = new float[b * h];
    float[] dW2 = new float[h * c], db2 = new float[c], dW1 = new float[in * h], db1 = new float[h];
    String[] names = {"dW2 128x10x128:TN", "db2 colsum", "dH 128x128x10:NT", "tanh'", "dW1 784x128x128:TN", "db1 colsum"};
    long[] t = new long[names.length]; int steps = 0;
    for (int it = 0; it < 40000; it++) {
      if (it == 10000) { Arrays.fill(t, 0); steps = 0; }
      long s = System.nanoTime(), e;
      g.gemm(true, false, h, c, b, 1f, hAct, 0, h, dz, 0, c, 0f, dW2, 0, c); e = System.nanoTime(); t[0] += e - s; s = e;
      Reductions.columnSums(dz, 0, b, c, c, db2, 0, false); e = System.nanoTime(); t[1] += e - s; s = e;
      g.gemm(false, true, b, h, c, 1f, dz, 0, c, w2, 0, c, 0f, dH, 0, h); e = System.nanoTime(); t[2] += e - s; s = e;
      Activations.backward(Activation.TANH, hAct, 0, dH, 0, dH, 0, b * h); e = System.nanoTime(); t[3] += e - s; s = e;
      g.gemm(true, false, in, h, b, 1f, x, 0, in, dH, 0, h, 0f, dW1, 0, h); e = System.nanoTime(); t[4] += e - s; s = e;
      Reductions.columnSums(dH, 0, b, h, h, db1, 0, false); e = System.nanoTime(); t[5] += e - s;
      steps++;
    }
    for (int i = 0; i < names.length; i++) System.out.printf("  %-20s %7.1f us%n", names[i], t[i] / 1e3 / steps);
    pool.close();
  }
  static float[] rnd(Random r, int n) { float[] v = new float[n]; for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * 0.1); return v; }
}
