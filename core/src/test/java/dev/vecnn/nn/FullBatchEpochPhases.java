package dev.vecnn.nn;
import dev.vecnn.kernel.*;
import java.util.*;

/**
 * Time per phase of the 784-32-10 full-batch epoch, as the trainer runs it in blocks of CHUNK rows
 * (random inputs of MNIST's shape; -Drows=N for another row count). Args: threads chunkRows.
 * Epochs 101-300 are timed, each phase with System.nanoTime around its call.
 */
public class FullBatchEpochPhases {
  public static void main(String[] a) {
    int threads = Integer.parseInt(a[0]);
    int chunk = Integer.parseInt(a[1]);
    int n = Integer.getInteger("rows", 60000), f = 784;
    KernelPool pool = KernelPool.create(threads);
    Gemm gemm = new Gemm(pool);
    ModelConfig m = new ModelConfig(f, List.of(new LayerSpec(32, Activation.RELU)), Head.SOFTMAX_CROSS_ENTROPY, 10, WeightLayout.IN_OUT, Initializer.parse("uniform:1"));
    Mlp mlp = Mlp.initialise(m, 1);
    float[] x = new float[n * f]; Random r = new Random(1);
    for (int i = 0; i < x.length; i++) x[i] = r.nextInt(4) == 0 ? r.nextFloat() : 0f;
    int[] y = new int[n]; for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
    Workspace ws = mlp.workspace(chunk);
    String[] names = {"fwd0","fwd1","loss","bwd1","actbwd0","dW0","colsum0"};
    long[] t = new long[names.length];
    Dense d0 = mlp.layer(0), d1 = mlp.layer(1);
    for (int ep = 0; ep < 300; ep++) {
      if (ep == 100) Arrays.fill(t, 0);
      for (int c0 = 0; c0 < n; c0 += chunk) {
        int cr = Math.min(chunk, n - c0), cx = c0 * f;
        boolean acc = c0 > 0;
        long s = System.nanoTime(), e;
        d0.forward(gemm, x, cx, cr, ws.activations[0]); e = System.nanoTime(); t[0] += e - s; s = e;
        d1.forward(gemm, ws.activations[0], 0, cr, ws.activations[1]); e = System.nanoTime(); t[1] += e - s; s = e;
        mlp.lossAndPredict(pool, ws, cr, y, c0, true, 1f / n, 0.5f); e = System.nanoTime(); t[2] += e - s; s = e;
        d1.backward(gemm, ws.activations[0], 0, cr, ws.activations[1], ws.gradients[1], ws.gradients[0], acc); e = System.nanoTime(); t[3] += e - s; s = e;
        Activations.backward(Activation.RELU, ws.activations[0], 0, ws.gradients[0], 0, ws.gradients[0], 0, cr * 32); e = System.nanoTime(); t[4] += e - s; s = e;
        gemm.gemm(true, false, f, 32, cr, 1f, x, cx, f, ws.gradients[0], 0, 32, acc ? 1f : 0f, d0.weightGrad(), 0, 32); e = System.nanoTime(); t[5] += e - s; s = e;
        Reductions.columnSums(ws.gradients[0], 0, cr, 32, 32, d0.biasGrad(), 0, acc); e = System.nanoTime(); t[6] += e - s;
      }
    }
    long tot = 0; for (long v : t) tot += v;
    System.out.printf("threads %d chunk %d: epoch %.2f ms%n", threads, chunk, tot / 200 / 1e6);
    for (int i = 0; i < names.length; i++) System.out.printf("  %-8s %7.3f ms  %5.1f%%  %.1f ns/row%n", names[i], t[i] / 200 / 1e6, 100.0 * t[i] / tot, t[i] / 200.0 / n);
    pool.close();
  }
}
