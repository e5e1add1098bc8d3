package dev.vecnn.bench.peers;

import dev.vecnn.data.Dataset;
import dev.vecnn.data.MnistLoader;
import dev.vecnn.data.Splits;
import dev.vecnn.experiment.DataSpec;
import dev.vecnn.experiment.Preset;
import dev.vecnn.experiment.Presets;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.Dense;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.Workspace;
import dev.vecnn.train.EpochMetrics;
import dev.vecnn.train.Evaluator;
import dev.vecnn.train.TrainConfig;
import dev.vecnn.train.TrainResult;
import dev.vecnn.train.Trainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * vecnn's side of the peer comparison (issue 7): trains one case through the library's API
 * (Trainer, Mlp, Evaluator, KernelPool) and prints the same JSON lines as bench/peers/*_peer.py:
 * one per epoch, then a summary with the median samples/s of the epochs after the warm-up and
 * the final test accuracy.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.peers.VecnnPeer \
 *     --case tanh --threads 2 --epochs 5 --warmup 1 --data ~/.cache/vecnn/mnist
 * </pre>
 *
 * Cases: tanh (preset tanh-momentum), softmax (softmax-regression), mlp32 (mlp32-relu-lr0.005, full
 * batch on 60,000), neuron (ovr-lr0.05: one 784-1 sigmoid neuron for digit 0, full batch on its
 * 10,000 balanced rows), infer (the 784-128-10 tanh model's forward pass and argmax over the 10,000
 * test images in batches of 1000). Training runs a fixed number of epochs: no validation set, no
 * early stopping, no evaluation between epochs (the trainer's samples/s never include evaluation).
 */
public final class VecnnPeer {
    private VecnnPeer() {}

    static final int INFER_BATCH = 1000;

    public static void main(String[] args) throws Exception {
        String kase = null;
        int threads = 1;
        int epochs = 3;
        int warmup = 1;
        String data = System.getenv().getOrDefault("VECNN_DATA_DIR",
                Path.of(System.getProperty("user.home"), ".cache", "vecnn", "mnist").toString());
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--case" -> kase = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--data" -> data = args[++i];
                case "-h", "--help" -> {
                    System.out.println("usage: VecnnPeer --case tanh|softmax|mlp32|neuron|infer [--threads N] [--epochs N]"
                            + " [--warmup N] [--data DIR]");
                    return;
                }
                default -> {
                    System.err.println("VecnnPeer: unknown option " + a);
                    System.exit(2);
                }
            }
        }
        if (kase == null) {
            System.err.println("VecnnPeer: --case is required");
            System.exit(2);
        }
        MnistLoader.Mnist mnist = MnistLoader.load(Path.of(data));
        try (KernelPool pool = KernelPool.create(threads)) {
            Result r = switch (kase) {
                case "tanh" -> train(kase, Presets.byName("tanh-momentum"), mnist, pool, epochs, threads);
                case "softmax" -> train(kase, Presets.byName("softmax-regression"), mnist, pool, epochs, threads);
                case "mlp32" -> train(kase, Presets.byName("mlp32-relu-lr0.005"), mnist, pool, epochs, threads);
                case "neuron" -> neuron(mnist, pool, epochs, threads);
                case "infer" -> infer(mnist, pool, epochs, threads);
                default -> throw new IllegalArgumentException("unknown case " + kase);
            };
            List<Double> timed = r.rates.size() > warmup ? r.rates.subList(warmup, r.rates.size()) : r.rates;
            StringBuilder sb = new StringBuilder();
            sb.append("{\"peer\": \"vecnn\", \"case\": \"").append(kase).append("\", \"threads\": ").append(threads)
                    .append(", \"summary\": true, \"samples_per_s\": ").append(num(median(timed)))
                    .append(", \"epochs\": ").append(r.rates.size()).append(", \"warmup\": ").append(warmup)
                    .append(", \"test_accuracy\": ").append(Double.isNaN(r.accuracy) ? "null" : num(r.accuracy))
                    .append(", \"fingerprint\": ").append(r.fingerprint)
                    .append(r.initFingerprint < 0 ? "" : ", \"init_fingerprint\": " + r.initFingerprint)
                    .append(", \"env\": {\"KernelPool\": \"").append(threads).append("\"}")
                    .append(", \"versions\": {\"vecnn\": \"").append(version())
                    .append("\", \"java\": \"").append(System.getProperty("java.vm.name")).append(' ')
                    .append(Runtime.version()).append("\"}}");
            System.out.println(sb);
        }
    }

    /** initFingerprint: of the initial weights ({@link #weightsFingerprint}), -1 where not compared. */
    private record Result(List<Double> rates, double accuracy, long fingerprint, long initFingerprint) {
        Result(List<Double> rates, double accuracy, long fingerprint) {
            this(rates, accuracy, fingerprint, -1);
        }
    }

    private static Result train(String kase, Preset preset, MnistLoader.Mnist mnist, KernelPool pool, int epochs, int threads) {
        DataSpec.Prepared data = preset.data().prepare(mnist);
        TrainConfig config = preset.config().withEpochs(epochs).withPatience(0).withEvalEvery(1);
        long fp = fingerprint(rawTrainRows(preset, mnist));
        List<Double> rates = new ArrayList<>();
        Trainer trainer = new Trainer(config, pool).onEpoch(m -> rates.add(epochLine(kase, threads, m)));
        TrainResult result = trainer.train(data.train(), null, null);
        double acc = new Evaluator(new Gemm(pool)).evaluate(result.model(), data.test(), config.threshold()).accuracy();
        return new Result(rates, acc, fp, weightsFingerprint(Trainer.initialModel(config)));
    }

    /** The training rows as loaded (pixels in [0, 1]), for the fingerprint the Python peers also print. */
    private static Dataset rawTrainRows(Preset preset, MnistLoader.Mnist mnist) {
        int held = preset.data().validationRows();
        return held > 0 ? Splits.holdOut(mnist.train(), held, preset.data().splitSeed()).train() : mnist.train();
    }

    private static Result neuron(MnistLoader.Mnist mnist, KernelPool pool, int epochs, int threads) {
        Preset preset = Presets.byName("ovr-lr0.05");
        TrainConfig config = preset.config().withEpochs(epochs).withEvalEvery(1);
        // ExperimentRunner.balancedSubsets: digit 0's 5,000 + 5,000 others, seeded with the preset's seed.
        Dataset train = Splits.oneVsRestBalanced(mnist.train(), 0, 5000, config.seed());
        Dataset test = Splits.binarize(mnist.test(), 0);
        List<Double> rates = new ArrayList<>();
        TrainResult result = new Trainer(config, pool).onEpoch(m -> rates.add(epochLine("neuron", threads, m)))
                .train(train, null, null);
        double acc = new Evaluator(new Gemm(pool)).evaluate(result.model(), test, config.threshold()).accuracy();
        return new Result(rates, acc, fingerprint(train));
    }

    /** Forward pass and argmax of a freshly initialised 784-128 tanh-10 model, batches of 1000. */
    private static Result infer(MnistLoader.Mnist mnist, KernelPool pool, int passes, int threads) {
        Preset preset = Presets.byName("tanh-momentum");
        DataSpec.Prepared data = preset.data().prepare(mnist);
        Mlp model = Mlp.initialise(preset.config().model(), preset.config().seed());
        Gemm gemm = new Gemm(pool);
        Workspace ws = model.workspace(INFER_BATCH);
        Dataset test = data.test();
        int features = test.features();
        List<Double> rates = new ArrayList<>();
        long checksum = 0;
        for (int p = 1; p <= passes; p++) {
            long t0 = System.nanoTime();
            for (int r0 = 0; r0 < test.rows(); r0 += INFER_BATCH) {
                int rows = Math.min(INFER_BATCH, test.rows() - r0);
                model.forward(gemm, ws, test.x(), r0 * features, rows);
                model.predict(ws, rows, 0.5f);
                checksum += ws.predictions()[rows - 1];
            }
            double rate = test.rows() / ((System.nanoTime() - t0) / 1e9);
            rates.add(rate);
            System.out.println("{\"peer\": \"vecnn\", \"case\": \"infer\", \"threads\": " + threads + ", \"epoch\": " + p
                    + ", \"samples_per_s\": " + num(rate) + "}");
        }
        if (checksum == Long.MIN_VALUE) System.out.println(); // keeps the predictions live
        return new Result(rates, Double.NaN, fingerprint(rawTrainRows(preset, mnist)));
    }

    private static double epochLine(String kase, int threads, EpochMetrics m) {
        System.out.println("{\"peer\": \"vecnn\", \"case\": \"" + kase + "\", \"threads\": " + threads + ", \"epoch\": "
                + m.epoch() + ", \"samples_per_s\": " + num(m.samplesPerSecond()) + ", \"train_loss\": "
                + num(m.trainLoss()) + "}");
        return m.samplesPerSecond();
    }

    /**
     * The checksum bench/peers/peerdata.py's weights_fingerprint gives the same initial weights: sum
     * over every weight (layers in order, each stored in x out, row-major) of (position + 1) times its
     * float bits read as unsigned, modulo 1e9+7. The Python peers start from vecnn's draws.
     */
    static long weightsFingerprint(Mlp model) {
        final long p = 1_000_000_007L;
        long total = 0, position = 0;
        for (int l = 0; l < model.layerCount(); l++) {
            Dense d = model.layer(l);
            float[] w = d.weight();
            for (int i = 0; i < d.in(); i++) {
                for (int j = 0; j < d.out(); j++) {
                    long bits = Integer.toUnsignedLong(Float.floatToRawIntBits(w[d.weightIndex(i, j)]));
                    total = (total + (++position % p) * (bits % p)) % p;
                }
            }
        }
        return total;
    }

    /**
     * The checksum bench/peers/peerdata.py prints for the same rows: sum over rows r (from 1) of
     * r * (label + 1) * (pixel byte sum + 1), modulo 1e9+7. Equal values mean the same rows in the same order.
     */
    static long fingerprint(Dataset d) {
        final long p = 1_000_000_007L;
        long total = 0;
        float[] x = d.x();
        int f = d.features();
        for (int r = 0; r < d.rows(); r++) {
            double s = 0;
            for (int j = 0; j < f; j++) s += x[r * f + j] * 255.0;
            long bytes = Math.round(s);
            long term = ((r + 1L) * (d.labels()[r] + 1L)) % p * ((bytes + 1) % p) % p;
            total = (total + term) % p;
        }
        return total;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    private static String version() {
        String v = VecnnPeer.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
