package dev.vecnn.hypothesis;

/**
 * Which quantity a report may have printed under the name "accuracy": each is one hypothesis about the
 * printed number, read off the same trained model (docs/design/hypotheses.md).
 */
public enum Reading {
    ACCURACY("-", "accuracy (fraction of correct decisions)"),
    RECALL("A3", "recall of the target digit"),
    BALANCED("A4", "accuracy on a balanced test subset"),
    LABEL_R2("B1", "R^2 of predicted against true class indices"),
    ONE_HOT_R2("B2", "R^2 of softmax outputs against one-hot labels");

    private final String hypothesis;
    private final String description;

    Reading(String hypothesis, String description) {
        this.hypothesis = hypothesis;
        this.description = description;
    }

    /** The hypothesis (docs/design/hypotheses.md) that this reading tests; "-" for the faithful one. */
    public String hypothesis() {
        return hypothesis;
    }

    public String description() {
        return description;
    }

    /** Key part of measurements, e.g. "label_r2". */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
