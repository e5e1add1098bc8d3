package dev.vecnn.train;

import dev.vecnn.nn.Mlp;

import java.util.List;

/**
 * The outcome of a run. With early stopping (patience > 0 and a validation set), {@link #model()}
 * holds the weights of the best validation loss, whatever the status; after a divergence without
 * early stopping, the weights at the end of the last finite epoch.
 *
 * @param stopEpoch        the epoch where the run ended (the last epoch when it completed)
 * @param bestEpoch        the epoch of the lowest validation loss, 0 without validation
 * @param wallSeconds      wall time of the whole run, across resumes
 * @param samplesPerSecond training examples per second of training steps (evaluation excluded) in this session
 * @param train            the returned model measured on the training set
 * @param validation       ... on the validation set, null when none was given
 * @param test             ... on the test set, null when none was given
 */
public record TrainResult(TrainConfig config, Mlp model, List<EpochMetrics> history, RunStatus status, int stopEpoch,
                          int bestEpoch, double wallSeconds, double samplesPerSecond,
                          Evaluation train, Evaluation validation, Evaluation test) {

    public TrainResult {
        history = List.copyOf(history);
    }

    /** "completed 100 epochs", "early stopped at epoch 11 (best epoch 8)" or "diverged at epoch 3". */
    public String statusText() {
        return switch (status) {
            case COMPLETED -> "completed " + stopEpoch + " epochs";
            case EARLY_STOPPED -> "early stopped at epoch " + stopEpoch + " (best epoch " + bestEpoch + ")";
            case DIVERGED -> "diverged at epoch " + stopEpoch;
            case INTERRUPTED -> "interrupted after epoch " + stopEpoch;
        };
    }
}
