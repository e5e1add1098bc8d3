package dev.vecnn.cli;

import dev.vecnn.data.Dataset;
import dev.vecnn.data.MnistLoader;
import dev.vecnn.nn.ModelFile;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.train.Evaluation;
import dev.vecnn.train.Evaluator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Accuracy, per-class accuracy and the confusion matrix of a saved model on the MNIST test set.")
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by vecnn train --save.")
    Path modelFile;

    @Mixin
    DataOptions data;

    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        threads.count();
        ModelFile.Loaded loaded = SavedModels.load(modelFile);
        if (!loaded.model().config().head().softmax()) {
            throw new IllegalArgumentException(modelFile + ": eval needs a 10-class softmax model, this one has the "
                    + loaded.model().config().head().cliName() + " head");
        }
        ModelInputs inputs = ModelInputs.of(modelFile, loaded);
        MnistLoader.Mnist mnist = data.load(spec.commandLine().getErr());
        Dataset test = inputs.apply(mnist.test());
        if (test.features() != loaded.model().config().inputs()) {
            throw new IllegalArgumentException(modelFile + " expects " + loaded.model().config().inputs()
                    + " inputs but the test images have " + test.features() + " pixels");
        }
        Evaluation e;
        long start = System.nanoTime();
        try (KernelPool pool = threads.pool()) {
            e = new Evaluator(new Gemm(pool)).evaluate(loaded.model(), test, 0.5f);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "model %s: %s%n", modelFile, loaded.model().config().describe());
        out.printf(Locale.ROOT, "test accuracy %s (%d images, loss %.4f), %.2f s, %,.0f images/s%n",
                EpochPrinter.pct(e.accuracy()), e.rows(), e.loss(), seconds, e.rows() / seconds);
        if (e.classes() > 2) {
            out.printf(Locale.ROOT, "R^2 of predicted against true digit labels %.4f (not an accuracy: r2_score on class indices)%n",
                    e.labelR2());
        }
        out.println(confusionTable(e));
        return 0;
    }

    /** Rows are the true digit, columns the predicted one; the last column is the digit's accuracy. */
    static String confusionTable(Evaluation e) {
        int k = e.classes();
        StringBuilder sb = new StringBuilder("true\\pred");
        for (int c = 0; c < k; c++) sb.append(String.format(Locale.ROOT, " %5d", c));
        sb.append("  accuracy\n");
        double[] perClass = e.perClassAccuracy();
        for (int a = 0; a < k; a++) {
            sb.append(String.format(Locale.ROOT, "%9d", a));
            for (int p = 0; p < k; p++) sb.append(String.format(Locale.ROOT, " %5d", e.confusion()[a][p]));
            sb.append(String.format(Locale.ROOT, "  %8s%n", EpochPrinter.pct(perClass[a])));
        }
        return sb.toString().stripTrailing();
    }
}
