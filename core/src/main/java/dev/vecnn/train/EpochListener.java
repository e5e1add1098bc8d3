package dev.vecnn.train;

/** Told about every recorded epoch, in order, on the training thread (for progress bars and logs). */
@FunctionalInterface
public interface EpochListener {
    EpochListener NONE = metrics -> { };

    void onEpoch(EpochMetrics metrics);
}
