package dev.vecnn.bench.gemm;

import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
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

/** vecnn's GEMM on the shapes of issue 3; GFLOP/s in the "gflops" column. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class GemmBenchmark {
    @Param({"256x256x256:NN", "512x512x512:NN",
            "1024x1024x1024:NN", "1024x1024x1024:NT", "1024x1024x1024:TN", "1024x1024x1024:TT",
            "2048x2048x2048:NN", "2048x2048x2048:NT", "2048x2048x2048:TN", "2048x2048x2048:TT",
            "128x784x128:NN", "784x128x128:TN", "128x128x784:NT",
            "128x784x32:NN", "784x32x128:TN", "128x32x784:NT",
            "128x784x10:NN", "784x10x128:TN", "128x10x784:NT",
            "60000x784x128:NN", "784x128x60000:TN", "60000x128x784:NT",
            "60000x784x32:NN", "784x32x60000:TN", "60000x32x784:NT",
            "60000x784x10:NN", "784x10x60000:TN", "60000x10x784:NT"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private GemmShape s;
    private KernelPool pool;
    private Gemm gemm;
    private float[] a, b, c;

    @Setup(Level.Trial)
    public void setUp() {
        s = GemmShape.parse(shape);
        pool = KernelPool.create(threads);
        gemm = new Gemm(pool);
        a = s.newA();
        b = s.newB();
        c = s.newC();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public float[] vecnn(GflopCounter counter) {
        gemm.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, s.lda(), b, 0, s.ldb(), 0f, c, 0, s.ldc());
        counter.gflops += s.flops() * 1e-9;
        return c;
    }
}
