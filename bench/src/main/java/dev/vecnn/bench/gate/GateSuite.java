package dev.vecnn.bench.gate;

import dev.vecnn.bench.gemm.GemmShape;
import dev.vecnn.bench.layout.MlpNet;
import dev.vecnn.bench.layout.SeedModel;
import dev.vecnn.bench.layout.SyntheticData;
import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Activations;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.kernel.SigmoidBinaryCrossEntropy;
import dev.vecnn.kernel.SoftmaxCrossEntropy;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.WeightLayout;
import dev.vecnn.nn.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the A/B gate times (microseconds per operation, lower is better): every kernel family on
 * the shapes the models use, forward and backward, and the passes built from them. The gate runs
 * each fork in a JVM of its own, base and candidate alternated, so a benchmark here only needs to
 * be the same work in both arms; its absolute speed is never compared with a stored number.
 * Kernels run on one thread unless the name says 2 threads, so the other core's load matters less.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class GateSuite {
    private static final int PIXELS = 784, BATCH = 128, FULL_BATCH_SLICE = 4096;
    private static final long JIT_WARMUP_NANOS = 3_000_000_000L;
    static boolean warm; // package-private: tests skip the warm-up

    /**
     * Runs every kernel of the suite, round robin, for 3 s the first time a benchmark of this JVM is
     * set up. C2 needs seconds to compile the Vector API kernels, and a benchmark measured before
     * that ran 10-1000 times slower in some forks; one warm-up for all keeps each benchmark's own
     * warm-up short whichever benchmarks a run selects.
     */
    static synchronized void warmUpOnce() {
        if (warm) return;
        warm = true;
        List<Runnable> work = new ArrayList<>();
        List<Runnable> close = new ArrayList<>();
        GateSuite suite = new GateSuite();
        for (String shape : paramValues(GemmState.class, "shape")) {
            GemmState g = new GemmState();
            g.shape = shape;
            g.setUp();
            work.add(() -> suite.gemm(g));
            close.add(g::tearDown);
        }
        for (String f : paramValues(ActivationState.class, "activation")) {
            ActivationState a = new ActivationState();
            a.activation = f;
            a.setUp();
            work.add(() -> suite.activation(a));
        }
        LossState loss = new LossState();
        loss.setUp();
        work.add(() -> suite.softmaxCrossEntropy(loss));
        work.add(() -> suite.sigmoidBinaryCrossEntropy(loss));
        for (int threads = 1; threads <= 2; threads++) {
            StepState st = new StepState();
            st.threads = threads;
            st.setUp();
            work.add(() -> suite.trainingStep(st));
            close.add(st::tearDown);
        }
        EpochSliceState e = new EpochSliceState();
        e.setUp();
        work.add(() -> suite.fullBatchSlice(e));
        close.add(e::tearDown);
        InferenceState inf = new InferenceState();
        inf.setUp();
        work.add(() -> suite.inference(inf));
        close.add(inf::tearDown);
        long end = System.nanoTime() + JIT_WARMUP_NANOS;
        while (System.nanoTime() < end) {
            for (Runnable r : work) r.run();
        }
        close.forEach(Runnable::run);
    }

    /** The values a state's {@code @Param} field lists, so the warm-up covers exactly what is measured. */
    static String[] paramValues(Class<?> state, String field) {
        try {
            return state.getField(field).getAnnotation(Param.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The GEMMs of a first layer of width 128, 32 and 10 at batch 128 (forward X W, weight gradient
     * X^T dY), and of the 784-32-10 full-batch model on a slice of rows; MxNxK:TT as in GemmBenchmark.
     */
    @State(Scope.Thread)
    public static class GemmState {
        @Param({"128x128x784:NN", "784x128x128:TN", "128x32x784:NN", "784x32x128:TN", "128x10x784:NN",
                "784x10x128:TN", "4096x32x784:NN", "784x32x4096:TN"})
        public String shape;

        GemmShape s;
        float[] a, b, c;
        KernelPool pool;
        Gemm gemm;

        @Setup(Level.Trial)
        public void setUp() {
            warmUpOnce();
            s = GemmShape.parse(shape);
            a = s.newA();
            b = s.newB();
            c = s.newC();
            pool = KernelPool.create(1);
            gemm = new Gemm(pool);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    @Benchmark
    public float[] gemm(GemmState s) {
        GemmShape p = s.s;
        s.gemm.gemm(p.transA(), p.transB(), p.m(), p.n(), p.k(), 1f, s.a, 0, p.lda(), s.b, 0, p.ldb(), 0f, s.c, 0, p.ldc());
        return s.c;
    }

    /** A 128 x 128 hidden layer's activation, forward then backward. */
    @State(Scope.Thread)
    public static class ActivationState {
        @Param({"tanh", "sigmoid", "relu"})
        public String activation;

        Activation f;
        float[] x, y, dy, dx;

        @Setup(Level.Trial)
        public void setUp() {
            warmUpOnce();
            f = Activation.parse(activation);
            SplittableRandom r = new SplittableRandom(7);
            x = new float[BATCH * 128];
            dy = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (4 * r.nextDouble() - 2);
                dy[i] = (float) (r.nextDouble() - 0.5);
            }
            y = new float[x.length];
            dx = new float[x.length];
        }
    }

    @Benchmark
    public float[] activation(ActivationState s) {
        Activations.forward(s.f, s.x, 0, s.y, 0, s.x.length);
        Activations.backward(s.f, s.y, 0, s.dy, 0, s.dx, 0, s.x.length);
        return s.dx;
    }

    /** Loss heads over a full-batch slice of rows: softmax-cross-entropy on 10 logits, sigmoid-BCE on one. */
    @State(Scope.Thread)
    public static class LossState {
        float[] z, probs, grad, z1, targets, probs1, grad1;
        int[] labels;

        @Setup(Level.Trial)
        public void setUp() {
            warmUpOnce();
            SplittableRandom r = new SplittableRandom(11);
            z = new float[FULL_BATCH_SLICE * 10];
            for (int i = 0; i < z.length; i++) z[i] = (float) (6 * r.nextDouble() - 3);
            labels = new int[FULL_BATCH_SLICE];
            targets = new float[FULL_BATCH_SLICE];
            z1 = new float[FULL_BATCH_SLICE];
            for (int i = 0; i < FULL_BATCH_SLICE; i++) {
                labels[i] = r.nextInt(10);
                targets[i] = r.nextInt(2);
                z1[i] = (float) (6 * r.nextDouble() - 3);
            }
            probs = new float[z.length];
            grad = new float[z.length];
            probs1 = new float[z1.length];
            grad1 = new float[z1.length];
        }
    }

    @Benchmark
    public double softmaxCrossEntropy(LossState s) {
        return SoftmaxCrossEntropy.forwardBackward(s.z, 0, FULL_BATCH_SLICE, 10, 10, s.labels, 0, s.probs, s.grad,
                1f / FULL_BATCH_SLICE);
    }

    @Benchmark
    public double sigmoidBinaryCrossEntropy(LossState s) {
        return SigmoidBinaryCrossEntropy.forwardBackward(s.z1, 0, FULL_BATCH_SLICE, s.targets, 0, s.probs1, s.grad1,
                1f / FULL_BATCH_SLICE);
    }

    /** One training step of seed 004's 784-128-10 tanh net at batch 128 (momentum 0.9), on 1 or 2 threads. */
    @State(Scope.Thread)
    public static class StepState {
        @Param({"1", "2"})
        public int threads;

        KernelPool pool;
        MlpNet net;

        @Setup(Level.Trial)
        public void setUp() {
            warmUpOnce();
            pool = KernelPool.create(threads);
            SeedModel model = SeedModel.TANH_128;
            SyntheticData data = new SyntheticData(model.rows(), PIXELS, model.classes(), 42);
            net = new MlpNet(Mlp.initialise(model.config(WeightLayout.IN_OUT), 42), new Gemm(pool), data, 0.01f,
                    model.momentum());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    @Benchmark
    public double trainingStep(StepState s) {
        return s.net.step();
    }

    /** A slice of a full-batch epoch of seed 000's 784-32-10 ReLU net: forward, loss, backward, update of 4,096 rows. */
    @State(Scope.Thread)
    public static class EpochSliceState {
        KernelPool pool;
        MlpNet net;

        @Setup(Level.Trial)
        public void setUp() {
            warmUpOnce();
            pool = KernelPool.create(1);
            SeedModel model = SeedModel.RELU_32;
            SyntheticData data = new SyntheticData(FULL_BATCH_SLICE, PIXELS, model.classes(), 43);
            net = new MlpNet(Mlp.initialise(model.config(WeightLayout.IN_OUT), 43), new Gemm(pool), data, 0.05f,
                    model.momentum());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    @Benchmark
    public double fullBatchSlice(EpochSliceState s) {
        return s.net.step();
    }

    /** Inference of the 784-128-10 tanh net over 1,000 rows: forward pass and argmax. */
    @State(Scope.Thread)
    public static class InferenceState {
        static final int ROWS = 1000;
        KernelPool pool;
        Gemm gemm;
        Mlp model;
        Workspace ws;
        SyntheticData data;

        @Setup(Level.Trial)
        public void setUp() {
            warmUpOnce();
            pool = KernelPool.create(1);
            gemm = new Gemm(pool);
            model = Mlp.initialise(SeedModel.TANH_128.config(WeightLayout.IN_OUT), 44);
            ws = model.workspace(ROWS);
            data = new SyntheticData(ROWS, PIXELS, 10, 44);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    @Benchmark
    public int[] inference(InferenceState s) {
        s.model.forward(s.gemm, s.ws, s.data.x, 0, InferenceState.ROWS);
        s.model.predict(s.ws, InferenceState.ROWS, 0.5f);
        return s.ws.predictions();
    }
}
