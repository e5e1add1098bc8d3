package dev.vecnn.bench.gemm;

import dev.vecnn.kernel.GemmReference;
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
import org.openjdk.jmh.annotations.Warmup;

/** The scalar oracle as a baseline, on the small shapes only (it runs at about 1 GFLOP/s). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ReferenceGemmBenchmark {
    @Param({"256x256x256:NN", "128x784x128:NN", "784x128x128:TN", "128x128x784:NT",
            "128x784x32:NN", "784x32x128:TN", "128x32x784:NT",
            "128x784x10:NN", "784x10x128:TN", "128x10x784:NT"})
    public String shape;

    private GemmShape s;
    private float[] a, b, c;

    @Setup(Level.Trial)
    public void setUp() {
        s = GemmShape.parse(shape);
        a = s.newA();
        b = s.newB();
        c = s.newC();
    }

    @Benchmark
    public float[] reference(GflopCounter counter) {
        GemmReference.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, s.lda(), b, 0, s.ldb(), 0f, c, 0, s.ldc());
        counter.gflops += s.flops() * 1e-9;
        return c;
    }
}
