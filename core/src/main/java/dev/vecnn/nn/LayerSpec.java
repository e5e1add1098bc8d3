package dev.vecnn.nn;

import dev.vecnn.kernel.Activation;

/** One hidden layer: its width and its activation. Written {@code 128:tanh} on the command line. */
public record LayerSpec(int size, Activation activation) {

    public LayerSpec {
        if (size < 1) throw new IllegalArgumentException("hidden layer size must be at least 1, got " + size);
        if (activation == null) throw new IllegalArgumentException("hidden layer activation is missing");
    }

    /** Parses {@code SIZE:ACTIVATION}, for example {@code 128:tanh}. */
    public static LayerSpec parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("hidden layer '" + text + "': write SIZE:ACTIVATION, e.g. 128:tanh");
        }
        int size;
        try {
            size = Integer.parseInt(text.substring(0, colon).trim());
        } catch (NumberFormatException e) {
            // A width past an int is a whole number too: say what is wrong with it.
            String digits = text.substring(0, colon).trim();
            throw new IllegalArgumentException("hidden layer '" + text + "': size "
                    + (digits.matches("\\d+") ? digits + " is too large" : "is not a whole number"));
        }
        return new LayerSpec(size, Activation.parse(text.substring(colon + 1).trim()));
    }

    @Override
    public String toString() {
        return size + ":" + activation.cliName();
    }
}
