package dev.vecnn.bench.kernels;

import dev.vecnn.kernel.Activation;
import dev.vecnn.kernel.Activations;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Elementwise activations, one thread, in GB/s (the "gbytes" column): forward reads x and writes
 * y (8 bytes per element), backward reads y and dy and writes dx (12). Sizes: one 128 x 128 hidden
 * layer (cache-resident) and one 60,000 x 32 full-batch layer (from memory).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ActivationBenchmark {
    @Param({"sigmoid", "tanh", "relu"})
    public String activation;
    @Param({"16384", "1920000"})
    public int elements;

    private Activation f;
    private float[] x, y, dy, dx;

    @Setup(Level.Trial)
    public void setUp() {
        f = Activation.parse(activation);
        SplittableRandom r = new SplittableRandom(7);
        x = new float[elements];
        dy = new float[elements];
        for (int i = 0; i < elements; i++) {
            x[i] = (float) (4 * r.nextDouble() - 2);
            dy[i] = (float) (r.nextDouble() - 0.5);
        }
        y = new float[elements];
        dx = new float[elements];
        Activations.forward(f, x, 0, y, 0, elements);
    }

    @Benchmark
    public float[] forward(ByteCounter c) {
        Activations.forward(f, x, 0, y, 0, elements);
        c.gbytes += 8e-9 * elements;
        return y;
    }

    @Benchmark
    public float[] backward(ByteCounter c) {
        Activations.backward(f, y, 0, dy, 0, dx, 0, elements);
        c.gbytes += 12e-9 * elements;
        return dx;
    }
}
