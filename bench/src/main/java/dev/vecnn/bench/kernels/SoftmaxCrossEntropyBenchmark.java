package dev.vecnn.bench.kernels;

import dev.vecnn.kernel.SoftmaxCrossEntropy;
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
 * The fused softmax + cross-entropy + gradient over rows of 10 logits, one thread, in GB/s (the
 * "gbytes" column): it reads the logits and a label per row and writes probabilities and the
 * gradient (12 bytes per logit plus 4 per row). A batch of 128, a full-batch block of 2048 and the full 60,000.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SoftmaxCrossEntropyBenchmark {
    private static final int CLASSES = 10;

    @Param({"128", "2048", "60000"})
    public int rows;

    private float[] z, probs, grad;
    private int[] labels;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(11);
        z = new float[rows * CLASSES];
        for (int i = 0; i < z.length; i++) z[i] = (float) (6 * r.nextDouble() - 3);
        labels = new int[rows];
        for (int i = 0; i < rows; i++) labels[i] = r.nextInt(CLASSES);
        probs = new float[z.length];
        grad = new float[z.length];
    }

    @Benchmark
    public double forwardBackward(ByteCounter c) {
        c.gbytes += 1e-9 * (12.0 * rows * CLASSES + 4.0 * rows);
        return SoftmaxCrossEntropy.forwardBackward(z, 0, rows, CLASSES, CLASSES, labels, 0, probs, grad, 1f / rows);
    }

    /** What a training step needs: the loss and its gradient, no probabilities (8 bytes per logit). */
    @Benchmark
    public double gradientOnly(ByteCounter c) {
        c.gbytes += 1e-9 * (8.0 * rows * CLASSES + 4.0 * rows);
        return SoftmaxCrossEntropy.forwardBackward(z, 0, rows, CLASSES, CLASSES, labels, 0, null, grad, 1f / rows);
    }
}
