package dev.vecnn.io;

/**
 * Upper bounds that every reader checks a file's declared sizes against before allocating, so a
 * small hostile or damaged file fails with one line instead of exhausting memory. The defaults are
 * far above anything vecnn trains on MNIST; each can be raised with a system property, e.g.
 * {@code VECNN_JAVA_OPTS=-Dvecnn.maxParameters=200000000 ./vecnn eval big.safetensors}.
 */
public final class Limits {
    /** Weights and biases of one model (50 M: 200 MB of floats, plus as much again for gradients). */
    public static final String MAX_PARAMETERS = "vecnn.maxParameters";
    /** Pixels of an image given to predict, read from its header before decoding (a 48 MP photo passes). */
    public static final String MAX_IMAGE_PIXELS = "vecnn.maxImagePixels";
    /** Bytes of a safetensors header, JSON parsed whole (100 MiB, the format's reference bound). */
    public static final String MAX_HEADER_BYTES = "vecnn.maxHeaderBytes";
    /**
     * Bytes of data an IDX header announces (1 GB: MNIST holds 47 MB, EMNIST ByClass 547 MB); a few
     * kilobytes of gzip can announce and hold gigabytes of zeros, and training takes 4 bytes a pixel.
     */
    public static final String MAX_DATA_BYTES = "vecnn.maxDataBytes";

    static final long DEFAULT_MAX_PARAMETERS = 50_000_000L;
    static final long DEFAULT_MAX_IMAGE_PIXELS = 50_000_000L;
    static final long DEFAULT_MAX_DATA_BYTES = 1_000_000_000L;

    private Limits() {}

    public static long maxParameters() {
        return positive(MAX_PARAMETERS, DEFAULT_MAX_PARAMETERS, Integer.MAX_VALUE - 8);
    }

    public static long maxImagePixels() {
        return positive(MAX_IMAGE_PIXELS, DEFAULT_MAX_IMAGE_PIXELS, Integer.MAX_VALUE - 8);
    }

    public static long maxHeaderBytes() {
        return positive(MAX_HEADER_BYTES, Safetensors.MAX_HEADER_BYTES, Integer.MAX_VALUE - 8);
    }

    public static long maxDataBytes() {
        return positive(MAX_DATA_BYTES, DEFAULT_MAX_DATA_BYTES, Integer.MAX_VALUE - 8);
    }

    /**
     * Bytes of a model or checkpoint file: the header bound plus three copies of the largest model
     * allowed (a checkpoint keeps weights, momentum and the best weights), at most what one array holds.
     */
    public static long maxModelFileBytes() {
        return Math.min(Integer.MAX_VALUE - 8, 8 + maxHeaderBytes() + 12 * maxParameters());
    }

    /** What to say after "exceeds the limit of N": how to raise it. */
    public static String howToRaise(String property) {
        return "raise it with VECNN_JAVA_OPTS=-D" + property + "=N if this is intended";
    }

    /**
     * The property's value (at most {@code ceiling}, what one Java array holds), or the default when
     * unset. A value that is not a positive whole number is an error: ignoring it would leave the user
     * raising a limit that does not move.
     */
    private static long positive(String property, long fallback, long ceiling) {
        String v = System.getProperty(property);
        if (v == null) return fallback;
        long n;
        try {
            n = Long.parseLong(v.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) throw new IllegalArgumentException("-D" + property + "=" + v + " is not a positive whole number");
        return Math.min(n, ceiling);
    }
}
