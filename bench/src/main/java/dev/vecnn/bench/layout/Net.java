package dev.vecnn.bench.layout;

/**
 * A network bound to one batch of data, split into the parts of a training step so each can be
 * timed alone. {@link #backward} needs a {@link #forward} and a {@link #loss} before it (the
 * benchmark state does both once at setup); repeating it recomputes the same gradients.
 */
public interface Net {
    /** Forward pass of the whole batch: logits end in the network's buffers. */
    void forward();

    /** Mean loss of the last forward pass; writes its gradient with respect to the logits. */
    double loss();

    /** Backward pass: fills every parameter's gradient. */
    void backward();

    /** One SGD update of every parameter from its gradient. */
    void update();

    /** A whole training step, as the trainer runs it. */
    default double step() {
        forward();
        double loss = loss();
        backward();
        update();
        return loss;
    }

    /** Logits of the last forward pass, batch-major ({@code rows x outputs}), copied. */
    float[] logits();

    /** Parameter values in Mlp order (layer 0 weight, layer 0 bias, layer 1 weight, ...). */
    float[][] values();

    /** Parameter gradients in the order of {@link #values()}. */
    float[][] gradients();
}
