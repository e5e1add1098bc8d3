package dev.vecnn.train;

/**
 * What one epoch measured. Losses are mean cross-entropy per example (penalties excluded);
 * accuracies are fractions in [0, 1]. Train loss and accuracy are measured during the epoch on
 * each batch before its update (free, no extra pass). Validation and test values are NaN when that
 * set was not given.
 *
 * @param epochSeconds     wall time of the epoch, evaluation included
 * @param samplesPerSecond training examples per second of the epoch's training steps
 * @param elapsedSeconds   wall time since the run started (across resumes)
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
                           double testLoss, double testAccuracy, double epochSeconds, double samplesPerSecond,
                           double elapsedSeconds) {

    public boolean hasValidation() {
        return !Double.isNaN(valLoss);
    }

    public boolean hasTest() {
        return !Double.isNaN(testLoss);
    }
}
