package dev.vecnn.bench.layout;

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

/**
 * Packed-blocked GEMM versus the unpacked Vector API loop, one thread, batch-major, {@code in x out}
 * weights, bias and activation in each engine's write-back. The scalar reference, too slow for the
 * full-batch shapes, is in {@link ReferenceEngineBenchmark}. Samples/s in the "samples" column.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class EngineBenchmark {
    @State(Scope.Thread)
    public static class Engine extends NetState {
        @Param({"784-128-10@128", "784-32-10@60000", "784-10@60000", "784-1@10000"})
        public String model;
        @Param({"packed", "unpacked"})
        public String engine;

        @Setup(Level.Trial)
        public void setUp() {
            build(model, "in-out", "batch-major", engine, "fused", 1);
        }
    }

    @Benchmark
    public void forward(Engine s, SampleCounter c) {
        s.net.forward();
        c.samples += s.rows;
    }

    @Benchmark
    public void backward(Engine s, SampleCounter c) {
        s.net.backward();
        c.samples += s.rows;
    }

    @Warmup(iterations = StepWarmup.ITERATIONS, time = 1)
    @Benchmark
    public double step(Engine s, SampleCounter c) {
        c.samples += s.rows;
        return s.net.step();
    }
}
