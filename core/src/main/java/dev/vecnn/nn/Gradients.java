package dev.vecnn.nn;

import java.util.List;

/**
 * A set of gradient arrays shaped like one network's parameters, apart from the network's own, so a
 * part of a batch can accumulate its gradient while other parts accumulate theirs ({@link Mlp#backward(
 * dev.vecnn.kernel.Gemm, Workspace, float[], int, int, Gradients, boolean)}). Arrays are in
 * {@link Mlp#parameters()} order: layers.0.weight, layers.0.bias, layers.1.weight, ...
 */
public final class Gradients {
    private final float[][] arrays;

    Gradients(List<Parameter> parameters) {
        arrays = new float[parameters.size()][];
        for (int i = 0; i < arrays.length; i++) arrays[i] = new float[parameters.get(i).size()];
    }

    /** The gradient of parameter {@code index} of {@link Mlp#parameters()}. */
    public float[] array(int index) {
        return arrays[index];
    }

    public int count() {
        return arrays.length;
    }

    float[] weight(int layer) {
        return arrays[2 * layer];
    }

    float[] bias(int layer) {
        return arrays[2 * layer + 1];
    }
}
