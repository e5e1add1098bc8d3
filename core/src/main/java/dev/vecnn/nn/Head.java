package dev.vecnn.nn;

import java.util.Locale;

/** The output unit(s) and the loss the network is trained with. */
public enum Head {
    /** {@code classes} linear outputs, softmax, cross-entropy against the class label. */
    SOFTMAX_CROSS_ENTROPY,
    /** One linear output, sigmoid, binary cross-entropy against a 0/1 label (a one-vs-rest neuron). */
    SIGMOID_BINARY_CROSS_ENTROPY;

    public static Head parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "softmax", "softmax-ce", "softmax-cross-entropy" -> SOFTMAX_CROSS_ENTROPY;
            case "sigmoid", "sigmoid-bce", "sigmoid-binary-cross-entropy", "binary" -> SIGMOID_BINARY_CROSS_ENTROPY;
            default -> throw new IllegalArgumentException("unknown head '" + name + "': use softmax or sigmoid");
        };
    }

    public String cliName() {
        return this == SOFTMAX_CROSS_ENTROPY ? "softmax" : "sigmoid";
    }

    /** Width of the output layer for a task with {@code classes} classes. */
    public int outputs(int classes) {
        return this == SOFTMAX_CROSS_ENTROPY ? classes : 1;
    }
}
