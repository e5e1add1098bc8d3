package dev.vecnn.train;
import dev.vecnn.kernel.*;
import dev.vecnn.nn.*;
import java.util.*;

/**
 * Time per phase of a 784-128-10 training step at batch 128 with momentum 0.9 (random inputs of the
 * seed-004 split's shape). Args: threads [TANH|SIGMOID|RELU|NONE]; NONE is softmax regression (784-10,
 * no hidden layer, no momentum, as the softmax-regression preset). -DserialSgd=true runs the update on a
 * one-thread pool inside a multi-thread step; -DserialGather=true copies the batch with one arraycopy
 * per row on the calling thread (the trainer before BatchGather), otherwise BatchGather as the trainer
 * does. -DsgdTwice=true runs the update a second time and times it apart ("sgdAgain": the same
 * update with its lines already in the right core, so the difference is the cost of fetching them);
 * -Dlayout=out-in stores the weights out x in, and on several threads then cuts the products by units as the
 * trainer does (owner computes; -DbyUnits=false keeps the planner's cut); -DnoGather=true reads each batch where it lies, rows r0.. of the
 * unshuffled set (no copy: a bound on what not copying could save); -Dsequential=true leaves the
 * order unshuffled (batches of consecutive rows); -DnoSgd=true leaves the weights unchanged (no update, so no
 * weight lines cross between cores). -Depochs=N (40) runs N epochs and -Dwarm=W (20) times those after
 * the first W: on two threads C2 is still compiling the kernels 3-5 s into a run, on a core the step
 * needs, so fewer warm-up epochs time the compiler as much as the step. The phases are timed apart: the
 * Trainer itself copies the next batch inside the update's parallel region (Sgd.step's companion).
 */
public class MinibatchStepPhases { static final boolean SERIAL_SGD = Boolean.getBoolean("serialSgd"), SERIAL_GATHER = Boolean.getBoolean("serialGather"), SGD_TWICE = Boolean.getBoolean("sgdTwice"), NO_SGD = Boolean.getBoolean("noSgd"), NO_GATHER = Boolean.getBoolean("noGather");
  static final int WARM = Integer.getInteger("warm", 20);
  public static void main(String[] a) {
    int threads = Integer.parseInt(a[0]);
    String kind = a.length > 1 ? a[1] : "TANH";
    boolean none = kind.equals("NONE");
    Activation act = none ? null : Activation.valueOf(kind);
    int n = 48000, f = 784, batch = 128;
    KernelPool pool = KernelPool.create(threads); KernelPool pool1 = KernelPool.create(1);
    ModelConfig m = new ModelConfig(f, none ? List.of() : List.of(new LayerSpec(128, act)), Head.SOFTMAX_CROSS_ENTROPY, 10, WeightLayout.parse(System.getProperty("layout", "in-out")), Initializer.xavier());
    Gemm gemm = new Gemm(pool);
    boolean byUnits = threads > 1 && m.layout() == WeightLayout.OUT_IN && !"false".equals(System.getProperty("byUnits"));
    Gemm forwardGemm = byUnits ? gemm.splitting(SplitAxis.COLUMNS) : gemm, backwardGemm = byUnits ? gemm.splitting(SplitAxis.ROWS) : gemm;
    Mlp mlp = Mlp.initialise(m, 1);
    Sgd sgd = new Sgd(mlp.parameters(), 0.001f, none ? 0f : 0.9f, 0f, 0f);
    float[] x = new float[n * f]; Random r = new Random(1);
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    int[] y = new int[n]; for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
    Workspace ws = mlp.workspace(batch);
    float[] xb = new float[batch * f]; int[] yb = new int[batch];
    dev.vecnn.data.Dataset data = new dev.vecnn.data.Dataset("random", x, n, f, y, 10); BatchGather gather = new BatchGather();
    int[] order = new int[n]; for (int i = 0; i < n; i++) order[i] = i;
    String[] names = {"gather","forward","lossPred","backward","sgd","sgdAgain"};
    long[] t = new long[names.length];
    Rng rng = new Rng(5);
    int epochs = Integer.getInteger("epochs", 40);
    for (int ep = 0; ep < epochs; ep++) {
      if (ep == WARM) Arrays.fill(t, 0);
      if (!Boolean.getBoolean("sequential")) rng.shuffle(order, n);
      for (int r0 = 0; r0 + batch <= n; r0 += batch) {
        long s = System.nanoTime(), e;
        float[] xs = xb; int xo = 0; int[] ys = yb; int yo = 0;
        if (NO_GATHER) { xs = x; xo = r0 * f; ys = y; yo = r0; }
        else if (SERIAL_GATHER) { for (int i = 0; i < batch; i++) { System.arraycopy(x, order[r0 + i] * f, xb, i * f, f); yb[i] = y[order[r0 + i]]; } }
        else gather.run(pool, byUnits ? threads : mlp.inputRowSlabs(gemm, batch), data, order, r0, batch, xb, yb);
        e = System.nanoTime(); t[0] += e - s; s = e;
        mlp.forward(forwardGemm, ws, xs, xo, batch); e = System.nanoTime(); t[1] += e - s; s = e;
        mlp.lossAndPredict(pool, ws, batch, ys, yo, true, 1f, 0.5f); e = System.nanoTime(); t[2] += e - s; s = e;
        mlp.backward(backwardGemm, ws, xs, xo, batch, false); e = System.nanoTime(); t[3] += e - s; s = e;
        if (!NO_SGD) sgd.step(SERIAL_SGD ? pool1 : pool); e = System.nanoTime(); t[4] += e - s; s = e;
        if (SGD_TWICE) { sgd.step(SERIAL_SGD ? pool1 : pool); e = System.nanoTime(); t[5] += e - s; }
      }
    }
    long tot = 0; for (long v : t) tot += v;
    int steps = (epochs - WARM) * (n / batch);
    System.out.printf("threads %d %s: step %.1f us, %.0f samples/s%n", threads, kind, tot / 1e3 / steps, steps * (double) batch / (tot / 1e9));
    for (int i = 0; i < names.length; i++) System.out.printf("  %-9s %7.1f us  %5.1f%%%n", names[i], t[i] / 1e3 / steps, 100.0 * t[i] / tot);
    pool.close();
  }
}
