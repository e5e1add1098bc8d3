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

import dev.vecnn.peers.protocol.Fingerprints;
import dev.vecnn.peers.protocol.PeerArgs;
import dev.vecnn.peers.protocol.PeerOutput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        PeerArgs a = PeerArgs.parse("Dl4jPeer", List.of("tanh"), args);
        int threads = a.threads(), epochs = a.epochs();
        long seed = a.seed();
        Preset preset = Presets.byName("tanh-momentum");
        MnistLoader.Mnist mnist = MnistLoader.load(a.data());
        DataSpec.Prepared prepared = preset.data().prepare(mnist);
        Dataset train = prepared.train();
        Dataset test = prepared.test();
        long fp = Fingerprints.rows(Splits.holdOut(mnist.train(), preset.data().validationRows(), preset.data().splitSeed()).train());

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
                    System.arraycopy(train.buffer(), train.rowStart(src), xb, i * f, f);
                    yb[i * 10 + train.labels()[src]] = 1f;
                }
                INDArray features = Nd4j.create(xb, new long[] {rows, f}, 'c');
                INDArray labels = Nd4j.create(yb, new long[] {rows, 10}, 'c');
                net.fit(new DataSet(features, labels));
                lossSum += net.score();
            }
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            rates.add(rate);
            System.out.println(PeerOutput.epochLine("dl4j", "tanh", threads, epoch, rate, lossSum / n));
        }

        INDArray testX = Nd4j.create(test.values(), new long[] {test.rows(), f}, 'c');
        INDArray predicted = net.output(testX).argMax(1);
        long correct = 0;
        for (int r = 0; r < test.rows(); r++) {
            if (predicted.getInt(r) == test.labels()[r]) correct++;
        }
        double acc = (double) correct / test.rows();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = env.getOrDefault("blas.vendor", "?") + ", omp threads " + env.getOrDefault("omp.threads", "?")
                + ", " + env.getOrDefault("backend", "?");
        Map<String, String> threadEnv = new LinkedHashMap<>();
        threadEnv.put("OMP_NUM_THREADS", System.getenv().getOrDefault("OMP_NUM_THREADS", ""));
        threadEnv.put("OPENBLAS_NUM_THREADS", System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", ""));
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("deeplearning4j", MultiLayerNetwork.class.getPackage().getImplementationVersion());
        versions.put("nd4j", backend);
        versions.put("java", Runtime.version().toString());
        System.out.println(PeerOutput.summaryLine("dl4j", a, rates, acc, fp, -1, threadEnv, versions));
        System.exit(0); // nd4j's native threads would otherwise keep the JVM alive a while
    }
}
