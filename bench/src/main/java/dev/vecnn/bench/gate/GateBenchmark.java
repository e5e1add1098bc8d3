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
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * The regression gate's fixed profile (run by {@link Gate}; 6 to 11 s per method). Everything is
 * single-threaded so a second busy core on a shared machine does not change the figures much:
 * the gate compares ratios of these methods measured in the same run, never absolute speeds.
 * <ul>
 *   <li>{@code packedGemm}, {@code unpackedGemm}, {@code referenceGemm}: the first layer's forward
 *       product of the 784-128-10 model at batch 128 (C 128 x 128 = X 128 x 784 times W 784 x 128)
 *       with vecnn's Gemm, the unpacked Vector API loop and the scalar oracle;</li>
 *   <li>{@code trainingStep}: one whole training step of that model (vecnn's Mlp, as the trainer
 *       calls it); its {@code gc.alloc.rate.norm} is the allocation figure;</li>
 *   <li>{@code fmaLoop}: a plain Vector API multiply-add loop over two L1-resident arrays, the
 *       yardstick for how fast this core is right now.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class GateBenchmark {
    static final int M = 128, N = 128, K = 784;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int FMA_FLOATS = 2048;

    private KernelPool pool;
    private Gemm gemm;
    private final UnpackedGemm unpacked = new UnpackedGemm();
    private float[] a, b, c;
    private float[] fx, fy;
    private MlpNet step;

    @Setup(Level.Trial)
    public void setUp() {
        pool = KernelPool.create(1);
        gemm = new Gemm(pool);
        SplittableRandom r = new SplittableRandom(1);
        a = random(r, M * K);
        b = random(r, K * N);
        c = new float[M * N];
        fx = random(r, FMA_FLOATS);
        fy = random(r, FMA_FLOATS);
        SeedModel model = SeedModel.TANH_128;
        SyntheticData data = new SyntheticData(model.rows(), SeedModel.PIXELS, model.classes(), 42);
        step = new MlpNet(Mlp.initialise(model.config(WeightLayout.IN_OUT), 42), gemm, data, 0.01f, model.momentum());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public float[] packedGemm() {
        gemm.gemm(false, false, M, N, K, 1f, a, 0, K, b, 0, N, 0f, c, 0, N);
        return c;
    }

    @Benchmark
    public float[] unpackedGemm() {
        unpacked.multiply(false, false, M, N, K, a, 0, K, b, 0, N, c, 0, N, null, Activation.IDENTITY);
        return c;
    }

    @Benchmark
    public float[] referenceGemm() {
        GemmReference.gemm(false, false, M, N, K, 1f, a, 0, K, b, 0, N, 0f, c, 0, N);
        return c;
    }

    /**
     * Longer warm-up (C2 must compile every kernel of the step before the Vector API stops
     * allocating) and longer iterations (JMH's own few kilobytes per iteration, spread over more
     * steps, stay out of the bytes-per-step figure).
     */
    @Benchmark
    @Warmup(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
    @Measurement(iterations = 6, time = 1, timeUnit = TimeUnit.SECONDS)
    public double trainingStep() {
        return step.step();
    }

    @Benchmark
    public float fmaLoop() {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int l = S.length();
        for (int i = 0; i < FMA_FLOATS; i += 4 * l) {
            s0 = FloatVector.fromArray(S, fx, i).fma(FloatVector.fromArray(S, fy, i), s0);
            s1 = FloatVector.fromArray(S, fx, i + l).fma(FloatVector.fromArray(S, fy, i + l), s1);
            s2 = FloatVector.fromArray(S, fx, i + 2 * l).fma(FloatVector.fromArray(S, fy, i + 2 * l), s2);
            s3 = FloatVector.fromArray(S, fx, i + 3 * l).fma(FloatVector.fromArray(S, fy, i + 3 * l), s3);
        }
        return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    }

    private static float[] random(SplittableRandom r, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) (r.nextDouble() - 0.5);
        return x;
    }
}
