package dev.vecnn.train;

import java.util.Locale;

/**
 * How the per-example losses of a batch combine into the objective whose gradient a step follows.
 * SUM reproduces update rules written per example and added over the batch, like seed 004's
 * {@code w += alpha * (t - y) * z}; MEAN divides that gradient by the batch size.
 */
public enum Reduction {
    MEAN, SUM;

    public static Reduction parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mean", "average" -> MEAN;
            case "sum" -> SUM;
            default -> throw new IllegalArgumentException("unknown loss reduction '" + name + "': use mean or sum");
        };
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Factor applied to the gradient of a batch of {@code rows} examples. */
    public float gradientScale(int rows) {
        return this == MEAN ? 1f / rows : 1f;
    }
}
