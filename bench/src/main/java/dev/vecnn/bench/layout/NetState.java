package dev.vecnn.bench.layout;

import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.WeightLayout;
import java.util.Locale;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The shared setup of the layout benchmarks: a seed model on synthetic data of its real shape,
 * built in one variant, run once forward and through the loss so {@code backward} has inputs.
 * Subclasses declare the {@code @Param}s they vary and call {@link #build}.
 */
public abstract class NetState {
    public static final long SEED = 42;
    public static final float LEARNING_RATE = 0.01f;

    public Net net;
    public int rows;
    private KernelPool pool;

    /**
     * @param activations "batch-major" or "feature-major"
     * @param engine      "packed", "unpacked" or "reference"
     * @param epilogue    "library" (vecnn's Mlp itself), "fused" or "separate"
     */
    protected void build(String model, String weights, String activations, String engine, String epilogue, int threads) {
        SeedModel m = SeedModel.parse(model);
        WeightLayout layout = WeightLayout.parse(weights);
        pool = KernelPool.create(threads);
        Gemm gemm = new Gemm(pool);
        SyntheticData data = new SyntheticData(m.rows(), SeedModel.PIXELS, m.classes(), SEED);
        Mlp mlp = Mlp.initialise(m.config(layout), SEED);
        if (epilogue.equals("library")) {
            if (!activations.equals("batch-major") || !engine.equals("packed")) {
                throw new IllegalArgumentException("vecnn's Mlp is batch-major on the packed GEMM");
            }
            net = new MlpNet(mlp, gemm, data, LEARNING_RATE, m.momentum());
        } else {
            Matmul mm = switch (engine) {
                case "packed" -> new PackedMatmul(gemm);
                case "unpacked" -> new UnpackedGemm();
                case "reference" -> new ReferenceMatmul();
                default -> throw new IllegalArgumentException("unknown engine " + engine);
            };
            if (!engine.equals("packed") && threads != 1) {
                throw new IllegalArgumentException("the " + engine + " engine is single-threaded");
            }
            net = new ExplicitNet(mlp, mm, pool,
                    ExplicitNet.Orientation.valueOf(activations.toUpperCase(Locale.ROOT).replace('-', '_')),
                    ExplicitNet.Epilogue.valueOf(epilogue.toUpperCase(Locale.ROOT)),
                    data, LEARNING_RATE, m.momentum());
        }
        rows = m.rows();
        net.forward();
        net.loss();
    }

    @TearDown(Level.Trial)
    public void closePool() {
        pool.close();
    }
}
