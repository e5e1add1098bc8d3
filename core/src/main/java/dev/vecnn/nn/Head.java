package dev.vecnn.nn;

import java.util.Locale;

/** The output unit(s) and the loss the network is trained with. */
public enum Head {
    /** {@code classes} linear outputs, softmax, cross-entropy against the class label. */
    SOFTMAX_CROSS_ENTROPY,
    /** One linear output, sigmoid, binary cross-entropy against a 0/1 label (a one-vs-rest neuron). */
    SIGMOID_BINARY_CROSS_ENTROPY,
    /** {@code classes} linear outputs, softmax, mean squared error against the one-hot label. */
    SOFTMAX_SQUARED_ERROR;

    public static Head parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "softmax", "softmax-ce", "softmax-cross-entropy" -> SOFTMAX_CROSS_ENTROPY;
            case "sigmoid", "sigmoid-bce", "sigmoid-binary-cross-entropy", "binary" -> SIGMOID_BINARY_CROSS_ENTROPY;
            case "softmax-mse", "softmax-squared-error" -> SOFTMAX_SQUARED_ERROR;
            default -> throw new IllegalArgumentException("unknown head '" + name + "': use softmax, softmax-mse or sigmoid");
        };
    }

    public String cliName() {
        return switch (this) {
            case SOFTMAX_CROSS_ENTROPY -> "softmax";
            case SIGMOID_BINARY_CROSS_ENTROPY -> "sigmoid";
            case SOFTMAX_SQUARED_ERROR -> "softmax-mse";
        };
    }

    /** A softmax over the classes (predicts by the argmax), whatever the loss. */
    public boolean softmax() {
        return this != SIGMOID_BINARY_CROSS_ENTROPY;
    }

    /** Width of the output layer for a task with {@code classes} classes. */
    public int outputs(int classes) {
        return softmax() ? classes : 1;
    }
}
