package dev.vecnn.experiment;

import dev.vecnn.train.TrainConfig;
import java.util.List;

/**
 * One experiment of the catalogue: what it trains, on which data, what the report measured, and
 * the shorter version `vecnn reproduce --quick` runs.
 *
 * @param name        what users type: {@code vecnn train --preset NAME}
 * @param source      the report it reproduces ("seed 000 part 1", ...) or "beyond the reports"
 * @param kind        plain training, ten one-vs-rest neurons, or a gradient check
 * @param description one line: the model and every choice the report left open
 * @param config      the training configuration
 * @param data        preparation of the data
 * @param reported    the report's numbers for this configuration, empty when it has none
 * @param marks       epochs at which the report quotes results (seed 000 part 2), empty otherwise
 * @param quickEpochs epochs in the quick version, 0 when the preset is not part of --quick
 * @param quickFloor  the lowest test accuracy the quick version may reach before CI fails it
 */
public record Preset(String name, String source, Kind kind, String description, TrainConfig config, DataSpec data,
                     List<Reported> reported, List<Integer> marks, int quickEpochs, double quickFloor) {

    public enum Kind { TRAIN, ONE_VS_REST, GRADIENT_CHECK }

    /** A number a report gives, with the report's wording of it. */
    public record Reported(String what, double value, String unit) {}

    public Preset {
        reported = List.copyOf(reported);
        marks = List.copyOf(marks);
    }

    public boolean inQuick() {
        return quickEpochs > 0;
    }

    /** The quick version: the same experiment with fewer epochs (and marks scaled down with them). */
    public Preset quick() {
        if (!inQuick()) throw new IllegalStateException(name + " is not part of --quick");
        TrainConfig c = config.withEpochs(quickEpochs).withEvalEvery(Math.max(1, Math.min(config.evalEvery(), quickEpochs / 10)));
        return new Preset(name, source, kind, description, c, data, reported, List.of(), quickEpochs, quickFloor);
    }

    public Reported reportedValue(String what) {
        return reported.stream().filter(r -> r.what().equals(what)).findFirst().orElse(null);
    }
}
