package dev.vecnn.experiment;

import dev.vecnn.data.Dataset;
import dev.vecnn.data.MnistLoader;
import dev.vecnn.data.Normalization;
import dev.vecnn.data.PixelStats;
import dev.vecnn.data.Splits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an experiment turns the loaded MNIST files into training, validation and test sets.
 *
 * @param normalization  applied to every split (STANDARDIZE uses training-split statistics)
 * @param validationRows rows held out of the 60,000 training images; 0 for no validation set
 * @param splitSeed      seed of the hold-out shuffle
 */
public record DataSpec(Normalization normalization, int validationRows, long splitSeed) {
    public static final long DEFAULT_SPLIT_SEED = 1;

    public DataSpec {
        if (normalization == null) throw new IllegalArgumentException("normalisation is missing");
        if (validationRows < 0) throw new IllegalArgumentException("validation size must be >= 0, got " + validationRows);
    }

    /**
     * The three sets; validation is null when {@code validationRows} is 0. {@code trainingStats}
     * are the raw training split's pixel statistics, which STANDARDIZE used and a saved model keeps.
     */
    public record Prepared(Dataset train, Dataset validation, Dataset test, PixelStats trainingStats) {}

    public Prepared prepare(MnistLoader.Mnist mnist) {
        Dataset train;
        Dataset validation = null;
        if (validationRows > 0) { // Splits.holdOut's rows, made from the loaded bytes (see Mnist.selectTrain)
            int[][] rows = Splits.holdOutRows(mnist.trainRows(), validationRows, splitSeed, "train");
            train = mnist.selectTrain("train-train", rows[0]);
            validation = mnist.selectTrain("train-validation", rows[1]);
        } else {
            train = mnist.train();
        }
        PixelStats stats = normalization == Normalization.STANDARDIZE ? PixelStats.of(train) : new PixelStats(0, 1);
        // the split's two sets are fresh copies: normalised where they lie; the loaded sets are shared
        return new Prepared(validation == null ? normalization.apply(train, stats) : normalization.applyOwned(train, stats),
                validation == null ? null : normalization.applyOwned(validation, stats),
                normalization.apply(mnist.test(), stats), stats);
    }

    /** The preparation as {@code vecnn.run.data.*} keys of a training run's context (see Trainer.context). */
    public Map<String, String> toRunContext() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("vecnn.run.data.normalization", normalization.cliName());
        m.put("vecnn.run.data.validation_rows", Integer.toString(validationRows));
        m.put("vecnn.run.data.split_seed", Long.toString(splitSeed));
        return m;
    }

    public String describe() {
        return normalization.cliName() + (validationRows > 0
                ? ", " + validationRows + " validation rows (split seed " + splitSeed + ")" : ", no validation set");
    }
}
