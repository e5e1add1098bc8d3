package dev.vecnn.nn;

import java.util.Locale;

/**
 * Seeded weight initialisation by name. Biases always start at zero. Weights are drawn in logical
 * (input, unit) order whatever the storage layout, so both layouts start from the same network.
 *
 * @param scheme the distribution
 * @param scale  half-width for UNIFORM, standard deviation for NORMAL; ignored by XAVIER, HE and ZEROS
 */
public record Initializer(Scheme scheme, float scale) {

    public enum Scheme {
        /** U(-scale, scale). */
        UNIFORM,
        /** N(0, scale^2). */
        NORMAL,
        /** Glorot uniform: U(-a, a), a = sqrt(6 / (in + out)). */
        XAVIER,
        /** He normal: N(0, 2 / in), for ReLU layers. */
        HE,
        /** All zero: the textbook start for logistic regression (a single layer has no symmetry to break). */
        ZEROS
    }

    public static final float DEFAULT_UNIFORM_SCALE = 0.05f;
    public static final float DEFAULT_NORMAL_SCALE = 0.01f;

    public Initializer {
        if (scheme == null) throw new IllegalArgumentException("initialiser scheme is missing");
        if ((scheme == Scheme.UNIFORM || scheme == Scheme.NORMAL) && !(scale > 0f && Float.isFinite(scale))) {
            throw new IllegalArgumentException("initialiser " + scheme + " needs a positive scale, got " + scale);
        }
    }

    public static Initializer xavier() {
        return new Initializer(Scheme.XAVIER, 0f);
    }

    /**
     * Parses {@code xavier}, {@code glorot}, {@code he}, {@code zeros}, {@code uniform[:SCALE]} or {@code normal[:STD]}.
     */
    public static Initializer parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", 2);
        Scheme scheme = switch (parts[0]) {
            case "uniform" -> Scheme.UNIFORM;
            case "normal", "gaussian" -> Scheme.NORMAL;
            case "xavier", "glorot" -> Scheme.XAVIER;
            case "he", "kaiming" -> Scheme.HE;
            case "zeros", "zero" -> Scheme.ZEROS;
            default -> throw new IllegalArgumentException("unknown initialiser '" + text
                    + "': use xavier, he, zeros, uniform[:SCALE] or normal[:STD]");
        };
        float scale = switch (scheme) {
            case UNIFORM -> DEFAULT_UNIFORM_SCALE;
            case NORMAL -> DEFAULT_NORMAL_SCALE;
            default -> 0f;
        };
        if (parts.length == 2) {
            if (scheme == Scheme.XAVIER || scheme == Scheme.HE || scheme == Scheme.ZEROS) {
                throw new IllegalArgumentException("initialiser '" + text + "': " + parts[0] + " takes no scale");
            }
            try {
                scale = Float.parseFloat(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("initialiser '" + text + "': scale is not a number");
            }
        }
        return new Initializer(scheme, scale);
    }

    /** Fills a weight matrix of a layer with {@code in} inputs and {@code out} units. */
    public void fill(Rng rng, float[] weight, int in, int out, WeightLayout layout) {
        double xavierLimit = Math.sqrt(6.0 / (in + out));
        double heStd = Math.sqrt(2.0 / in);
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                double v = switch (scheme) {
                    case UNIFORM -> (2.0 * rng.nextDouble() - 1.0) * scale;
                    case NORMAL -> rng.nextGaussian() * scale;
                    case XAVIER -> (2.0 * rng.nextDouble() - 1.0) * xavierLimit;
                    case HE -> rng.nextGaussian() * heStd;
                    case ZEROS -> 0.0;
                };
                weight[layout == WeightLayout.IN_OUT ? i * out + j : j * in + i] = (float) v;
            }
        }
    }

    @Override
    public String toString() {
        return switch (scheme) {
            case UNIFORM -> "uniform:" + scale;
            case NORMAL -> "normal:" + scale;
            case XAVIER -> "xavier";
            case HE -> "he";
            case ZEROS -> "zeros";
        };
    }
}
