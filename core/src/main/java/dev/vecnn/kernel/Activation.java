package dev.vecnn.kernel;

/**
 * Elementwise non-linearities. Each derivative is expressed through the function's
 * own output y = f(x), so the backward pass needs only the stored activations.
 */
public enum Activation {
    IDENTITY, SIGMOID, TANH, RELU;

    /** Parses the names users type on the command line (case-insensitive). */
    public static Activation parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "identity", "linear", "none" -> IDENTITY;
            case "sigmoid", "logistic" -> SIGMOID;
            case "tanh" -> TANH;
            case "relu" -> RELU;
            default -> throw new IllegalArgumentException(
                    "unknown activation '" + name + "': use sigmoid, tanh, relu or identity");
        };
    }

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
