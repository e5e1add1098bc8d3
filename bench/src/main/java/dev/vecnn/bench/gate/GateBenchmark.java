package dev.vecnn.bench.gate;

import dev.vecnn.bench.layout.MlpNet;
import dev.vecnn.bench.layout.SeedModel;
import dev.vecnn.bench.layout.SyntheticData;
import dev.vecnn.bench.layout.UnpackedGemm;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.GemmReference;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.WeightLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The regression gate's fixed profile (run by {@link Gate}; about 25 s in all). Everything is
 * single-threaded, and the kernels to be compared run interleaved inside one benchmark operation,
 * each timed with {@link System#nanoTime} into {@link GateTimers}: a burst of interference from
 * another process lands on both sides of a ratio, which a comparison of two benchmarks measured
 * seconds apart does not guarantee.
 * <ul>
 *   <li>{@code gemm}: the first layer's forward product of the 784-128-10 model at batch 128
 *       (C 128 x 128 = X 128 x 784 times W 784 x 128) with vecnn's Gemm (32 calls), the unpacked
 *       Vector API loop (16 calls) and the scalar oracle (1 call);</li>
 *   <li>{@code trainingStep}: one whole training step of that model (vecnn's Mlp as the trainer
 *       calls it), then one call of the unpacked loop on the GEMM above, the yardstick: it is code
 *       of this benchmark module, not of vecnn, with the same kind of work (vector multiply-adds
 *       streaming the same sizes of operands), so a busy machine slows both alike. (A plain FMA
 *       loop in L1 was tried first: its time per pass varied 2-4x between iterations on this
 *       shared 2-vCPU machine while the step's did not.) The method's {@code gc.alloc.rate.norm}
 *       (the unpacked loop allocates nothing) is the allocation per training step.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class GateBenchmark {
    static final int M = 128, N = 128, K = 784;
    static final int PACKED_CALLS = 32, UNPACKED_CALLS = 16;

    private KernelPool pool;
    private Gemm gemm;
    private final UnpackedGemm unpacked = new UnpackedGemm();
    private float[] a, b, c;
    private MlpNet step;

    @Setup(Level.Trial)
    public void setUp() {
        pool = KernelPool.create(1);
        gemm = new Gemm(pool);
        SplittableRandom r = new SplittableRandom(1);
        a = random(r, M * K);
        b = random(r, K * N);
        c = new float[M * N];
        SeedModel model = SeedModel.TANH_128;
        SyntheticData data = new SyntheticData(model.rows(), SeedModel.PIXELS, model.classes(), 42);
        step = new MlpNet(Mlp.initialise(model.config(WeightLayout.IN_OUT), 42), gemm, data, 0.01f, model.momentum());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public float[] gemm(GateTimers t) {
        long t0 = System.nanoTime();
        for (int i = 0; i < PACKED_CALLS; i++) {
            gemm.gemm(false, false, M, N, K, 1f, a, 0, K, b, 0, N, 0f, c, 0, N);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < UNPACKED_CALLS; i++) {
            unpacked.multiply(false, false, M, N, K, a, 0, K, b, 0, N, c, 0, N, null, Activation.IDENTITY);
        }
        long t2 = System.nanoTime();
        GemmReference.gemm(false, false, M, N, K, 1f, a, 0, K, b, 0, N, 0f, c, 0, N);
        long t3 = System.nanoTime();
        t.packedNanos += (double) (t1 - t0) / PACKED_CALLS;
        t.unpackedNanos += (double) (t2 - t1) / UNPACKED_CALLS;
        t.referenceNanos += t3 - t2;
        return c;
    }

    /** A longer warm-up: C2 must compile every kernel of the step before the Vector API stops allocating. */
    @Benchmark
    @Warmup(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
    public float[] trainingStep(GateTimers t) {
        long t0 = System.nanoTime();
        step.step();
        long t1 = System.nanoTime();
        unpacked.multiply(false, false, M, N, K, a, 0, K, b, 0, N, c, 0, N, null, Activation.IDENTITY);
        long t2 = System.nanoTime();
        t.stepNanos += t1 - t0;
        t.unpackedNanos += t2 - t1;
        return c;
    }

    private static float[] random(SplittableRandom r, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) (r.nextDouble() - 0.5);
        return x;
    }
}
