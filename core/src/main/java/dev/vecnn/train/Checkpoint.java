package dev.vecnn.train;

import dev.vecnn.nn.Mlp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run needs to continue exactly where it stopped after {@code epoch} epochs: weights,
 * momentum buffers, the shuffle generator's state, early-stopping state and the metrics so far.
 * Resuming it gives the same final weights, bit for bit, as the uninterrupted run.
 *
 * @param velocities     momentum buffers in parameter order, or null when momentum is 0
 * @param best           weights of the best evaluation so far by the configuration's stopping criterion, or
 *                       null before any (or without early stopping)
 * @param bestValLoss    the lowest validation loss when stopping on loss (positive infinity before any, and
 *                       when stopping on accuracy)
 * @param bestValAccuracy the highest validation accuracy when stopping on accuracy (negative infinity before
 *                       any, and when stopping on loss)
 * @param staleEvaluations evaluations since the best one
 * @param elapsedSeconds training wall time before the checkpoint
 * @param context        what else shaped the run (how the data was prepared, its checksum) as
 *                       {@code vecnn.run.*} metadata: a resume must match it; empty when unknown
 */
public record Checkpoint(TrainConfig config, int epoch, long rngState, Mlp model, List<float[]> velocities,
                         Mlp best, double bestValLoss, double bestValAccuracy, int bestEpoch, int staleEvaluations,
                         List<EpochMetrics> history, double elapsedSeconds, Map<String, String> context) {

    public Checkpoint {
        history = List.copyOf(history);
        context = context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
        if (velocities != null) velocities = List.copyOf(velocities);
    }
}
