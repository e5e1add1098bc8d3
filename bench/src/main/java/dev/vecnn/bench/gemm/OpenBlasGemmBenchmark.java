package dev.vecnn.bench.gemm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
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
 * OpenBLAS {@code cblas_sgemm} through java.lang.foreign on the same shapes as {@link GemmBenchmark},
 * operands in native memory. OpenBLAS picks its kernel from OPENBLAS_CORETYPE when the library
 * loads, so run this class once without it and once with {@code OPENBLAS_CORETYPE=SkylakeX} in the
 * environment of the JMH command (forks inherit it). The thread count is set per trial through
 * {@code openblas_set_num_threads}. Without libopenblas the setup fails with a message naming the
 * package to install, and JMH moves on.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx6g"})
public class OpenBlasGemmBenchmark {
    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

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
    private Arena arena;
    private MethodHandle sgemm;
    private MemorySegment a, b, c;

    @Setup(Level.Trial)
    public void setUp() throws Throwable {
        s = GemmShape.parse(shape);
        arena = Arena.ofShared();
        SymbolLookup lib = OpenBlasLibrary.lookup(arena);
        Linker linker = Linker.nativeLinker();
        MethodHandle setThreads = linker.downcallHandle(lib.find("openblas_set_num_threads").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
        setThreads.invokeExact(threads);
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        sgemm = linker.downcallHandle(lib.find("cblas_sgemm").orElseThrow(), FunctionDescriptor.ofVoid(
                i, i, i, i, i, i, ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, i, ValueLayout.ADDRESS, i,
                ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, i));
        a = copy(s.newA());
        b = copy(s.newB());
        c = copy(s.newC());
        System.out.println("OpenBLAS: " + OpenBlasLibrary.describe(lib, arena) + ", OPENBLAS_CORETYPE="
                + System.getenv("OPENBLAS_CORETYPE") + ", threads " + threads);
    }

    private MemorySegment copy(float[] x) {
        MemorySegment seg = arena.allocate((long) x.length * Float.BYTES, 64);
        MemorySegment.copy(x, 0, seg, ValueLayout.JAVA_FLOAT, 0, x.length);
        return seg;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public MemorySegment openblas(GflopCounter counter) throws Throwable {
        sgemm.invokeExact(ROW_MAJOR, s.transA() ? TRANS : NO_TRANS, s.transB() ? TRANS : NO_TRANS,
                s.m(), s.n(), s.k(), 1f, a, s.lda(), b, s.ldb(), 0f, c, s.ldc());
        counter.gflops += s.flops() * 1e-9;
        return c;
    }
}
