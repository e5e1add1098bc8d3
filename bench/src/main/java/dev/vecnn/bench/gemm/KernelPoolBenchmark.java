package dev.vecnn.bench.gemm;

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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Dispatch latency of an empty parallel region: publish, every worker runs its (empty) share, the
 * caller waits for all. Back-to-back regions, as in a training step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelPoolBenchmark {
    @Param({"1", "2"})
    public int threads;

    private KernelPool pool;
    private KernelPool.Task empty;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        pool = KernelPool.create(threads);
        empty = (worker, index) -> bh.consume(index);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public void emptyRegion() {
        pool.run(threads, empty);
    }
}
