package dev.vecnn.nn;

import java.util.Locale;

/**
 * How a dense layer stores its weight matrix in its flat array. Both layouts run on the GEMM
 * transpose flags, so neither pays a copy; the benchmarks compare them.
 */
public enum WeightLayout {
    /** Row-major {@code in x out}: element (i, j) at {@code i * out + j}; forward is X * W. */
    IN_OUT,
    /** Row-major {@code out x in}: element (i, j) at {@code j * in + i}; forward is X * W^T. */
    OUT_IN;

    public static WeightLayout parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "in-out", "inout", "in-x-out" -> IN_OUT;
            case "out-in", "outin", "out-x-in" -> OUT_IN;
            default -> throw new IllegalArgumentException(
                    "unknown weight layout '" + name + "': use in-out or out-in");
        };
    }

    public String cliName() {
        return this == IN_OUT ? "in-out" : "out-in";
    }
}
