package dev.vecnn.train;

import java.util.Locale;

/**
 * How the velocity moves the weights. CLASSICAL: v = momentum * v - lr * d, w += v. NESTEROV, the
 * velocity form of Sutskever et al. (2013) and Keras: v as classical, then w += momentum * v - lr * d,
 * which applies the gradient at the look-ahead point without a second forward pass.
 */
public enum MomentumForm {
    CLASSICAL, NESTEROV;

    public static MomentumForm parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "classical" -> CLASSICAL;
            case "nesterov" -> NESTEROV;
            default -> throw new IllegalArgumentException("unknown momentum form '" + name + "': use classical or nesterov");
        };
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
