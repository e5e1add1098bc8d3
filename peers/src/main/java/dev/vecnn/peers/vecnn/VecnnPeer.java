package dev.vecnn.peers.vecnn;

import dev.vecnn.data.Dataset;
import dev.vecnn.data.MnistLoader;
import dev.vecnn.data.Splits;
import dev.vecnn.experiment.DataSpec;
import dev.vecnn.experiment.Preset;
import dev.vecnn.experiment.Presets;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.nn.Mlp;
import dev.vecnn.train.EpochMetrics;
import dev.vecnn.train.Evaluator;
import dev.vecnn.train.TrainConfig;
import dev.vecnn.train.TrainResult;
import dev.vecnn.train.Trainer;

import dev.vecnn.peers.protocol.Fingerprints;
import dev.vecnn.peers.protocol.PeerArgs;
import dev.vecnn.peers.protocol.PeerOutput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * vecnn's side of the peer comparison (issue 7): trains one case through the library's API
 * (Trainer, Mlp, Evaluator, KernelPool) and prints the same JSON lines as peers/*_peer.py:
 * one per epoch, then a summary with the median samples/s of the epochs after the warm-up and
 * the final test accuracy.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp peers/target/vecnn-peers.jar dev.vecnn.peers.vecnn.VecnnPeer \
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
        PeerArgs a = PeerArgs.parse("VecnnPeer", PeerArgs.CASES, args);
        MnistLoader.Mnist mnist = MnistLoader.load(a.data());
        try (KernelPool pool = KernelPool.create(a.threads())) {
            Result r = switch (a.kase()) {
                case "tanh" -> train(a, Presets.byName("tanh-momentum"), mnist, pool);
                case "softmax" -> train(a, Presets.byName("softmax-regression"), mnist, pool);
                case "mlp32" -> train(a, Presets.byName("mlp32-relu-lr0.005"), mnist, pool);
                case "neuron" -> neuron(a, mnist, pool);
                case "infer" -> infer(a, mnist, pool);
                default -> throw new IllegalArgumentException("unknown case " + a.kase());
            };
            System.out.println(PeerOutput.summaryLine("vecnn", a, r.rates, r.accuracy, r.fingerprint, r.initFingerprint,
                    Map.of("KernelPool", Integer.toString(a.threads())),
                    Map.of("vecnn", version(), "java", System.getProperty("java.vm.name") + " " + Runtime.version())));
        }
    }

    /** initFingerprint: of the initial weights ({@link #weightsFingerprint}), -1 where not compared. */
    private record Result(List<Double> rates, double accuracy, long fingerprint, long initFingerprint) {}

    private static Result train(PeerArgs a, Preset preset, MnistLoader.Mnist mnist, KernelPool pool) {
        DataSpec.Prepared data = preset.data().prepare(mnist);
        TrainConfig config = preset.config().withEpochs(a.epochs()).withPatience(0).withEvalEvery(1);
        long fp = Fingerprints.rows(rawTrainRows(preset, mnist));
        List<Double> rates = new ArrayList<>();
        Trainer trainer = new Trainer(config, pool).onEpoch(m -> rates.add(epochLine(a, m)));
        TrainResult result = trainer.train(data.train(), null, null);
        double acc = new Evaluator(new Gemm(pool)).evaluate(result.model(), data.test(), config.threshold()).accuracy();
        return new Result(rates, acc, fp, Fingerprints.weights(Trainer.initialModel(config)));
    }

    /** The training rows as loaded (pixels in [0, 1]), for the fingerprint the Python peers also print. */
    private static Dataset rawTrainRows(Preset preset, MnistLoader.Mnist mnist) {
        int held = preset.data().validationRows();
        return held > 0 ? Splits.holdOut(mnist.train(), held, preset.data().splitSeed()).train() : mnist.train();
    }

    private static Result neuron(PeerArgs a, MnistLoader.Mnist mnist, KernelPool pool) {
        Preset preset = Presets.byName("ovr-lr0.05");
        TrainConfig config = preset.config().withEpochs(a.epochs()).withEvalEvery(1);
        // ExperimentRunner.balancedSubsets: digit 0's 5,000 + 5,000 others, seeded with the preset's seed.
        Dataset train = Splits.oneVsRestBalanced(mnist.train(), 0, 5000, config.seed());
        Dataset test = Splits.binarize(mnist.test(), 0);
        List<Double> rates = new ArrayList<>();
        TrainResult result = new Trainer(config, pool).onEpoch(m -> rates.add(epochLine(a, m)))
                .train(train, null, null);
        double acc = new Evaluator(new Gemm(pool)).evaluate(result.model(), test, config.threshold()).accuracy();
        return new Result(rates, acc, Fingerprints.rows(train), -1);
    }

    /**
     * Predicted classes of a freshly initialised 784-128 tanh-10 model over the test images, batches of
     * 1000, through {@link Evaluator#predict} (each thread takes a part of the batch through every layer).
     */
    private static Result infer(PeerArgs a, MnistLoader.Mnist mnist, KernelPool pool) {
        Preset preset = Presets.byName("tanh-momentum");
        DataSpec.Prepared data = preset.data().prepare(mnist);
        Mlp model = Mlp.initialise(preset.config().model(), preset.config().seed());
        Evaluator evaluator = new Evaluator(new Gemm(pool));
        Dataset test = data.test();
        int[] predicted = new int[INFER_BATCH];
        List<Double> rates = new ArrayList<>();
        long checksum = 0;
        for (int p = 1; p <= a.epochs(); p++) {
            long t0 = System.nanoTime();
            for (int r0 = 0; r0 < test.rows(); r0 += INFER_BATCH) {
                int rows = Math.min(INFER_BATCH, test.rows() - r0);
                evaluator.predict(model, test.buffer(), test.rowStart(r0), rows, 0.5f, predicted, 0);
                checksum += predicted[rows - 1];
            }
            double rate = test.rows() / ((System.nanoTime() - t0) / 1e9);
            rates.add(rate);
            System.out.println(PeerOutput.epochLine("vecnn", "infer", a.threads(), p, rate, Double.NaN));
        }
        if (checksum == Long.MIN_VALUE) System.out.println(); // keeps the predictions live
        return new Result(rates, Double.NaN, Fingerprints.rows(rawTrainRows(preset, mnist)), -1);
    }

    private static double epochLine(PeerArgs a, EpochMetrics m) {
        System.out.println(PeerOutput.epochLine("vecnn", a.kase(), a.threads(), m.epoch(), m.samplesPerSecond(), m.trainLoss()));
        return m.samplesPerSecond();
    }

    private static String version() {
        String v = VecnnPeer.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
