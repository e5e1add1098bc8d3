package dev.vecnn.train;

/** How a training run ended. */
public enum RunStatus {
    /** Ran every epoch. */
    COMPLETED,
    /** Early stopping ended it: the validation loss stopped improving for {@code patience} evaluations. */
    EARLY_STOPPED,
    /** A loss became NaN or infinite; the run stopped and kept the last finite weights. */
    DIVERGED,
    /** {@link Trainer#stopWhen} asked it to stop; the model is that of the last whole epoch. */
    INTERRUPTED
}
