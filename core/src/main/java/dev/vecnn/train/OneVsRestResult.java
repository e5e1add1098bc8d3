package dev.vecnn.train;

import java.util.List;

/**
 * Ten (or {@code classes}) one-vs-rest neurons and what they measure.
 *
 * @param models            one run per class, in class order
 * @param trainAccuracy     per class: accuracy on that class's own (balanced) training set at the threshold
 * @param testAccuracy      per class: accuracy on the whole test set binarised for that class, at the threshold
 * @param ensembleAccuracy  multi-class accuracy on the test set, predicting the class whose neuron outputs most
 * @param ensembleConfusion {@code [actual][predicted]} counts of that ensemble
 * @param wallSeconds       wall time of training all models
 */
public record OneVsRestResult(List<TrainResult> models, double[] trainAccuracy, double[] testAccuracy,
                              double ensembleAccuracy, int[][] ensembleConfusion, double wallSeconds) {
    public OneVsRestResult {
        models = List.copyOf(models);
    }
}
