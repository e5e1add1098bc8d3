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
 * Bias and activation fused into the packed GEMM's write-back versus separate passes after it (a
 * bias pass, then {@code Activations.forward}), batch-major, {@code in x out} weights. Only the
 * forward pass and the whole step: the backward pass has no epilogue. Samples/s in "samples".
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class EpilogueBenchmark {
    @State(Scope.Thread)
    public static class Epilogue extends NetState {
        @Param({"784-128-10@128", "784-32-10@60000", "784-10@60000", "784-1@10000"})
        public String model;
        @Param({"fused", "separate"})
        public String epilogue;
        @Param({"1", "2"})
        public int threads;

        @Setup(Level.Trial)
        public void setUp() {
            build(model, "in-out", "batch-major", "packed", epilogue, threads);
        }
    }

    @Benchmark
    public void forward(Epilogue s, SampleCounter c) {
        s.net.forward();
        c.samples += s.rows;
    }

    @Warmup(iterations = StepWarmup.ITERATIONS, time = 1)
    @Benchmark
    public double step(Epilogue s, SampleCounter c) {
        c.samples += s.rows;
        return s.net.step();
    }
}
