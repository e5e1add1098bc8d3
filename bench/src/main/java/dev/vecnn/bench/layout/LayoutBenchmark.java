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
 * Weights {@code in x out} versus {@code out x in}, activations batch-major versus feature-major,
 * 1 and 2 threads, on the packed GEMM. Batch-major runs vecnn's own Mlp; feature-major runs the
 * transposed network of {@link ExplicitNet}. Samples/s in the "samples" column.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class LayoutBenchmark {
    @State(Scope.Thread)
    public static class Layout extends NetState {
        @Param({"784-128-10@128", "784-32-10@60000", "784-10@60000", "784-1@10000"})
        public String model;
        @Param({"in-out", "out-in"})
        public String weights;
        @Param({"batch-major", "feature-major"})
        public String activations;
        @Param({"1", "2"})
        public int threads;

        @Setup(Level.Trial)
        public void setUp() {
            build(model, weights, activations, "packed", activations.equals("batch-major") ? "library" : "separate", threads);
        }
    }

    @Benchmark
    public void forward(Layout s, SampleCounter c) {
        s.net.forward();
        c.samples += s.rows;
    }

    @Benchmark
    public void backward(Layout s, SampleCounter c) {
        s.net.backward();
        c.samples += s.rows;
    }

    @Warmup(iterations = StepWarmup.ITERATIONS, time = 1)
    @Benchmark
    public double step(Layout s, SampleCounter c) {
        c.samples += s.rows;
        return s.net.step();
    }
}
