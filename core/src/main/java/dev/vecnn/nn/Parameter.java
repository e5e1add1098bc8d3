package dev.vecnn.nn;

/**
 * One trainable array of a network with its gradient buffer.
 *
 * @param name   stable name used in model files, e.g. {@code layers.0.weight}
 * @param values the live values (the layer reads them; writing them changes the network)
 * @param grad   the gradient of the last backward pass, same length
 * @param shape  stored shape, e.g. [in, out] or [out, in] for weights, [out] for biases
 * @param penalised true for weights (L1/L2 apply), false for biases
 */
public record Parameter(String name, float[] values, float[] grad, int[] shape, boolean penalised) {
    public int size() {
        return values.length;
    }
}
