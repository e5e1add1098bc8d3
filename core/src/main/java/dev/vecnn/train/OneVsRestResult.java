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
 * @param trainRecall       per class: the fraction of its own images in its training set that its neuron accepts
 * @param testRecall        per class: the fraction of its ~1,000 test images that its neuron accepts
 * @param balancedTestAccuracy per class: accuracy on a balanced test subset, all of its test images and as many
 *                          others in equal portions from the other classes (see {@link dev.vecnn.data.Splits#balancedTestRows})
 */
public record OneVsRestResult(List<TrainResult> models, double[] trainAccuracy, double[] testAccuracy,
                              double ensembleAccuracy, int[][] ensembleConfusion, double wallSeconds,
                              double[] trainRecall, double[] testRecall, double[] balancedTestAccuracy) {
    public OneVsRestResult {
        models = List.copyOf(models);
    }
}
