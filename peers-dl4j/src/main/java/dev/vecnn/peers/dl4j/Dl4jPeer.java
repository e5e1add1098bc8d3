package dev.vecnn.peers.dl4j;

import dev.vecnn.data.Dataset;
import dev.vecnn.data.MnistLoader;
import dev.vecnn.data.Splits;
import dev.vecnn.experiment.DataSpec;
import dev.vecnn.experiment.Preset;
import dev.vecnn.experiment.Presets;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Deeplearning4j peer of issue 7: the 784-128 tanh-10 softmax model of preset tanh-momentum trained
 * with a MultiLayerNetwork on the same 48,000 z-scored rows (prepared by vecnn-core's DataSpec, so the
 * data are identical), batch 128, lr 0.001, momentum 0.9, summed loss, Xavier uniform, and printing
 * the same JSON lines as the other peers.
 *
 * <p>DL4J's only momentum updater is Nesterov's ({@link Nesterovs}); classical momentum as vecnn and
 * PyTorch run it costs the same per step. {@code miniBatch(false)} keeps DL4J from dividing the
 * gradient by the batch size, which is the summed loss of the preset. Threads: nd4j's OpenMP pool
 * follows OMP_NUM_THREADS and its bundled OpenBLAS OPENBLAS_NUM_THREADS, which compare.sh sets.
 *
 * <pre>
 * OMP_NUM_THREADS=2 java -jar peers-dl4j/target/peers-dl4j.jar --case tanh --threads 2 --epochs 5 --data DIR
 * </pre>
 */
public final class Dl4jPeer {
    private Dl4jPeer() {}

    public static void main(String[] args) throws Exception {
        String kase = "tanh";
        int threads = 1;
        int epochs = 3;
        int warmup = 1;
        long seed = 1;
        String data = System.getenv().getOrDefault("VECNN_DATA_DIR",
                Path.of(System.getProperty("user.home"), ".cache", "vecnn", "mnist").toString());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--case" -> kase = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--data" -> data = args[++i];
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("Dl4jPeer: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (!kase.equals("tanh")) {
            System.err.println("Dl4jPeer: only the tanh case (784-128-10, preset tanh-momentum) is implemented");
            System.exit(2);
        }
        Preset preset = Presets.byName("tanh-momentum");
        MnistLoader.Mnist mnist = MnistLoader.load(Path.of(data));
        DataSpec.Prepared prepared = preset.data().prepare(mnist);
        Dataset train = prepared.train();
        Dataset test = prepared.test();
        long fp = fingerprint(Splits.holdOut(mnist.train(), preset.data().validationRows(), preset.data().splitSeed()).train());

        float lr = preset.config().learningRate();
        float momentum = preset.config().momentum();
        int batch = preset.config().batchSize();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .miniBatch(false)
                .updater(new Nesterovs(lr, momentum))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(128).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        int n = train.rows();
        int f = train.features();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Double> rates = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long t0 = System.nanoTime();
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double lossSum = 0;
            for (int r0 = 0; r0 < n; r0 += batch) {
                int rows = Math.min(batch, n - r0);
                float[] xb = new float[rows * f];
                float[] yb = new float[rows * 10];
                for (int i = 0; i < rows; i++) {
                    int src = order[r0 + i];
                    System.arraycopy(train.x(), src * f, xb, i * f, f);
                    yb[i * 10 + train.labels()[src]] = 1f;
                }
                INDArray features = Nd4j.create(xb, new long[] {rows, f}, 'c');
                INDArray labels = Nd4j.create(yb, new long[] {rows, 10}, 'c');
                net.fit(new DataSet(features, labels));
                lossSum += net.score();
            }
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            rates.add(rate);
            System.out.println("{\"peer\": \"dl4j\", \"case\": \"tanh\", \"threads\": " + threads + ", \"epoch\": " + epoch
                    + ", \"samples_per_s\": " + num(rate) + ", \"train_loss\": " + num(lossSum / n) + "}");
        }

        INDArray testX = Nd4j.create(test.x(), new long[] {test.rows(), f}, 'c');
        INDArray predicted = net.output(testX).argMax(1);
        long correct = 0;
        for (int r = 0; r < test.rows(); r++) {
            if (predicted.getInt(r) == test.labels()[r]) correct++;
        }
        double acc = (double) correct / test.rows();
        List<Double> timed = rates.size() > warmup ? rates.subList(warmup, rates.size()) : rates;
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = env.getOrDefault("blas.vendor", "?") + ", omp threads " + env.getOrDefault("omp.threads", "?")
                + ", " + env.getOrDefault("backend", "?");
        System.out.println("{\"peer\": \"dl4j\", \"case\": \"tanh\", \"threads\": " + threads + ", \"summary\": true, "
                + "\"samples_per_s\": " + num(median(timed)) + ", \"epochs\": " + epochs + ", \"warmup\": " + warmup
                + ", \"test_accuracy\": " + num(acc) + ", \"fingerprint\": " + fp
                + ", \"env\": {\"OMP_NUM_THREADS\": \"" + System.getenv().getOrDefault("OMP_NUM_THREADS", "") + "\", "
                + "\"OPENBLAS_NUM_THREADS\": \"" + System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "") + "\"}"
                + ", \"versions\": {\"deeplearning4j\": \"" + MultiLayerNetwork.class.getPackage().getImplementationVersion()
                + "\", \"nd4j\": \"" + clean(backend) + "\", \"java\": \"" + Runtime.version() + "\"}}");
        System.exit(0); // nd4j's native threads would otherwise keep the JVM alive a while
    }

    private static String clean(String s) {
        return s.replace('"', '\'').replace('\\', '/');
    }

    /** Same checksum as VecnnPeer and bench/peers/peerdata.py. */
    static long fingerprint(Dataset d) {
        final long p = 1_000_000_007L;
        long total = 0;
        float[] x = d.x();
        int f = d.features();
        for (int r = 0; r < d.rows(); r++) {
            double s = 0;
            for (int j = 0; j < f; j++) s += x[r * f + j] * 255.0;
            long term = ((r + 1L) * (d.labels()[r] + 1L)) % p * ((Math.round(s) + 1) % p) % p;
            total = (total + term) % p;
        }
        return total;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }
}
