package example;

import dev.vecnn.api.Model;
import dev.vecnn.api.ModelSpec;
import dev.vecnn.api.Vecnn;
import dev.vecnn.kernel.Activation;
import dev.vecnn.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * The example of README.md's "As a library" section, compiled and run by dev.vecnn.api.ReadmeExampleTest,
 * which also checks that the README shows exactly the lines between the markers below. Outside
 * vecnn's packages, as a user's code is, so the compiler proves it needs only the public API.
 */
public final class ReadmeExample {
    private ReadmeExample() {}

    public record Result(double accuracy, float[] c) {}

    public static Result run(Path file) throws IOException {
        // README:begin
        // Two classes of 8 noisy features: class c sits at +1 on feature c.
        int rows = 512, features = 8;
        float[] x = new float[rows * features];
        int[] y = new int[rows];
        Random random = new Random(42);
        for (int r = 0; r < rows; r++) {
            y[r] = r % 2;
            for (int f = 0; f < features; f++) x[r * features + f] = (f == y[r] ? 1f : 0f) + 0.3f * (float) random.nextGaussian();
        }
        var data = Vecnn.dataset(x, features, y, 2);            // the arrays are used in place, not copied

        var net = ModelSpec.inputs(features).hidden(16, Activation.TANH).softmax(2);
        var settings = TrainConfig.defaults(net).withLearningRate(0.1f).withMomentum(0.9f)
                .withBatchSize(32).withEpochs(5).withSeed(7);   // same seed, same bits, on any thread count
        double accuracy;
        float[] c = new float[2 * 2];
        try (Vecnn vecnn = Vecnn.create(2)) {                   // holds the kernel threads until closed
            Model model = vecnn.train(settings, data).model();
            accuracy = vecnn.evaluate(model, data).accuracy();  // also .loss() and .confusion()
            model.save(file);                                   // safetensors; Model.load(file) reads it back
            // C = 1 * A * B + 0 * C on row-major arrays: A is 2 x 3, B is 3 x 2, no transposes.
            vecnn.gemm(false, false, 2, 2, 3, 1f, new float[] {1, 2, 3, 4, 5, 6}, new float[] {1, 0, 0, 1, 1, 1}, 0f, c);
        }
        System.out.printf("training accuracy %.3f, C = %s%n", accuracy, Arrays.toString(c));
        // README:end
        return new Result(accuracy, c);
    }
}
