package dev.vecnn.nn;

import dev.vecnn.kernel.SoftmaxCrossEntropy;

/**
 * Per-batch buffers of one network, sized once for at most {@code capacity} rows, so training
 * steps allocate nothing. Smaller batches use the leading rows.
 */
public final class Workspace {
    private final int capacity;
    final float[][] activations;
    final float[][] gradients;
    final float[] probabilities;
    final float[] targets;
    final int[] predictions;
    /** The loss of each block of rows, for a head pass split over threads and added in order afterwards. */
    final double[] blockLosses;
    /** The softmax head's parallel pass over these buffers (its state belongs with them, not with the network). */
    final SoftmaxHeadPass softmaxHead = new SoftmaxHeadPass();

    Workspace(int[] widths, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("workspace capacity must be positive, got " + capacity);
        this.capacity = capacity;
        int layers = widths.length - 1;
        activations = new float[layers][];
        gradients = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int size = Math.multiplyExact(capacity, widths[l + 1]);
            activations[l] = new float[size];
            gradients[l] = new float[size];
        }
        probabilities = new float[activations[layers - 1].length];
        targets = new float[capacity];
        predictions = new int[capacity];
        blockLosses = new double[(capacity + SoftmaxCrossEntropy.BLOCK_ROWS - 1) / SoftmaxCrossEntropy.BLOCK_ROWS];
    }

    public int capacity() {
        return capacity;
    }

    /** Output of the last forward pass: logits, {@code rows x outputs}. */
    public float[] logits() {
        return activations[activations.length - 1];
    }

    /** Probabilities written by the last loss or probability pass, {@code rows x outputs}. */
    public float[] probabilities() {
        return probabilities;
    }

    /** Predicted classes written by the last prediction pass. */
    public int[] predictions() {
        return predictions;
    }
}
