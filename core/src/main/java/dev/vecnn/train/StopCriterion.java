package dev.vecnn.train;

import java.util.Locale;

/**
 * What early stopping calls the best evaluation: LOSS the lowest validation loss, ACCURACY the highest
 * validation accuracy. An evaluation that does not beat the best strictly counts towards the patience.
 */
public enum StopCriterion {
    LOSS, ACCURACY;

    public static StopCriterion parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "loss" -> LOSS;
            case "accuracy" -> ACCURACY;
            default -> throw new IllegalArgumentException("unknown early-stopping criterion '" + name + "': use loss or accuracy");
        };
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
