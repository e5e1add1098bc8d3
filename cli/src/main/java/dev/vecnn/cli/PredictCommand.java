package dev.vecnn.cli;

import dev.vecnn.data.DigitImage;
import dev.vecnn.io.AtomicFiles;
import dev.vecnn.nn.ModelFile;
import dev.vecnn.kernel.Gemm;
import dev.vecnn.kernel.KernelPool;
import dev.vecnn.train.Evaluator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Read the digit in each image (PNG, JPEG, GIF or BMP; up to 50 megapixels; dark ink on light paper or the reverse).",
                "Each image is brought to MNIST form (28x28, centred by mass) before the model sees it."})
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file written by vecnn train --save.")
    Path modelFile;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "Images of single digits.")
    List<Path> images;

    @Option(names = "--top", defaultValue = "3", description = "How many of the most probable digits to show (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--save-preprocessed", paramLabel = "DIR", description = "Also write each image as the model sees it (28x28 PNG).")
    Path preprocessedDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (preprocessedDir != null) AtomicFiles.checkWritableFolder(preprocessedDir);
        ModelFile.Loaded loaded = SavedModels.load(modelFile);
        if (!loaded.model().config().head().softmax() || loaded.model().config().inputs() != 784) {
            throw new IllegalArgumentException(modelFile + ": predict needs a 784-input softmax model, this one is "
                    + loaded.model().config().describe());
        }
        ModelInputs inputs = ModelInputs.of(modelFile, loaded);
        int classes = loaded.model().config().classes();
        int k = Math.max(1, Math.min(top, classes));
        float[] batch = new float[images.size() * 784];
        for (int i = 0; i < images.size(); i++) {
            float[] pixels = DigitImage.load(images.get(i));
            if (preprocessedDir != null) {
                java.nio.file.Files.createDirectories(preprocessedDir);
                String name = images.get(i).getFileName().toString().replaceFirst("\\.[^.]*$", "") + "-28x28.png";
                DigitImage.writePng(pixels, 0, preprocessedDir.resolve(name), false);
            }
            inputs.normalization().applyInPlace(pixels, inputs.stats());
            System.arraycopy(pixels, 0, batch, i * 784, 784);
        }
        float[] probs;
        try (KernelPool pool = KernelPool.create(1)) {
            probs = new Evaluator(new Gemm(pool)).probabilities(loaded.model(), batch, images.size());
        }
        for (int i = 0; i < images.size(); i++) {
            Integer[] order = new Integer[classes];
            for (int c = 0; c < classes; c++) order[c] = c;
            final int row = i;
            Arrays.sort(order, (a, b) -> Float.compare(probs[row * classes + b], probs[row * classes + a]));
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %d", images.get(i), order[0]));
            sb.append("  (");
            for (int j = 0; j < k; j++) {
                if (j > 0) sb.append(", ");
                sb.append(String.format(Locale.ROOT, "%d: %.1f%%", order[j], 100 * probs[row * classes + order[j]]));
            }
            out.println(sb.append(')'));
        }
        return 0;
    }
}
