package dev.vecnn.cli;

import dev.vecnn.data.Dataset;
import dev.vecnn.data.Normalization;
import dev.vecnn.data.PixelStats;
import dev.vecnn.nn.ModelFile;
import dev.vecnn.io.ModelFileException;
import java.nio.file.Path;
import java.util.Map;

/** How a saved model wants its inputs prepared, read back from the metadata `vecnn train --save` wrote. */
record ModelInputs(Normalization normalization, PixelStats stats) {
    static ModelInputs of(Path file, Map<String, String> metadata) throws ModelFileException {
        String mode = metadata.get("vecnn.data.normalization");
        if (mode == null) {
            throw new ModelFileException(file, "no vecnn.data.normalization metadata: save models with 'vecnn train --save'");
        }
        try {
            double mean = Double.parseDouble(metadata.getOrDefault("vecnn.data.mean", "0"));
            double std = Double.parseDouble(metadata.getOrDefault("vecnn.data.std", "1"));
            // NaN statistics turn every input into NaN: the model would then report chance-level results.
            if (!Double.isFinite(mean) || !Double.isFinite(std)) {
                throw new ModelFileException(file, "bad input metadata: vecnn.data.mean " + mean + ", vecnn.data.std " + std
                        + " are not finite");
            }
            return new ModelInputs(Normalization.parse(mode), new PixelStats(mean, std));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "bad input metadata: " + e.getMessage());
        }
    }

    static ModelInputs of(Path file, ModelFile.Loaded loaded) throws ModelFileException {
        return of(file, loaded.metadata());
    }

    Dataset apply(Dataset raw) {
        return normalization.apply(raw, stats);
    }
}
