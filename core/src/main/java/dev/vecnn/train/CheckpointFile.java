package dev.vecnn.train;

import dev.vecnn.nn.ModelFile;
import dev.vecnn.io.ModelFileException;
import dev.vecnn.io.Safetensors;
import dev.vecnn.io.SafetensorsFile;
import dev.vecnn.io.Tensor;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.Parameter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Checkpoint} as a safetensors file: tensors {@code layers.*} (weights),
 * {@code momentum.layers.*} and {@code best.layers.*} when present; the configuration and the
 * scalar state in {@code __metadata__} ({@code vecnn.checkpoint.*}, the metrics as CSV text).
 * Any tool that reads safetensors can read the weights.
 */
public final class CheckpointFile {
    public static final String FORMAT_CHECKPOINT = "vecnn-checkpoint-1";
    static final String MOMENTUM = "momentum.";
    static final String BEST = "best.";
    private static final String P = "vecnn.checkpoint.";

    private CheckpointFile() {}

    /** Writes atomically: an interrupted write leaves the previous checkpoint intact. */
    public static void write(Path file, Checkpoint c) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(ModelFile.tensorsOf(c.model()));
        List<Parameter> params = c.model().parameters();
        if (c.velocities() != null) {
            for (int i = 0; i < params.size(); i++) {
                tensors.put(MOMENTUM + params.get(i).name(),
                        new Tensor(params.get(i).shape().clone(), c.velocities().get(i).clone()));
            }
        }
        if (c.best() != null) {
            for (Map.Entry<String, Tensor> e : ModelFile.tensorsOf(c.best()).entrySet()) {
                tensors.put(BEST + e.getKey(), e.getValue());
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(ModelFile.FORMAT_KEY, FORMAT_CHECKPOINT);
        meta.putAll(c.config().toMetadata());
        meta.put(P + "epoch", Integer.toString(c.epoch()));
        meta.put(P + "rng_state", Long.toString(c.rngState()));
        meta.put(P + "best_val_loss", Double.toString(c.bestValLoss()));
        meta.put(P + "best_val_accuracy", Double.toString(c.bestValAccuracy()));
        meta.put(P + "best_epoch", Integer.toString(c.bestEpoch()));
        meta.put(P + "stale_evaluations", Integer.toString(c.staleEvaluations()));
        meta.put(P + "elapsed_seconds", Double.toString(c.elapsedSeconds()));
        meta.put(P + "has_best", Boolean.toString(c.best() != null));
        meta.put(P + "metrics_csv", MetricsCsv.format(c.history()));
        for (Map.Entry<String, String> e : c.context().entrySet()) {
            if (!e.getKey().startsWith(Trainer.CONTEXT_PREFIX)) {
                throw new IllegalArgumentException("run context key '" + e.getKey() + "' must start with " + Trainer.CONTEXT_PREFIX);
            }
            meta.put(e.getKey(), e.getValue());
        }
        Safetensors.write(file, tensors, meta);
    }

    private static Map<String, String> context(Map<String, String> metadata) {
        Map<String, String> context = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (k.startsWith(Trainer.CONTEXT_PREFIX)) context.put(k, v);
        });
        return context;
    }

    public static Checkpoint read(Path file) throws ModelFileException {
        SafetensorsFile f = Safetensors.read(file);
        if (!FORMAT_CHECKPOINT.equals(f.metadata().get(ModelFile.FORMAT_KEY))) {
            throw new ModelFileException(file, "not a vecnn checkpoint (" + ModelFile.FORMAT_KEY + " is "
                    + f.metadata().get(ModelFile.FORMAT_KEY) + "); pass a file written with checkpoints enabled");
        }
        try {
            Map<String, String> m = f.metadata();
            TrainConfig config = TrainConfig.fromMetadata(m);
            Mlp model = ModelFile.modelFrom(f);
            List<float[]> velocities = null;
            if (config.momentum() > 0f) {
                velocities = new ArrayList<>();
                for (Parameter p : model.parameters()) {
                    float[] v = f.require(MOMENTUM + p.name(), p.shape()).data();
                    ModelFile.requireFinite(f.source(), MOMENTUM + p.name(), v);
                    velocities.add(v);
                }
            }
            Mlp best = null;
            if (dev.vecnn.nn.Metadata.requireBoolean(m, P + "has_best")) {
                best = Mlp.zeros(config.model());
                ModelFile.readParameters(f, BEST, best);
            }
            // The epoch counters drive the resumed loop: an epoch of 2^31-1 would wrap it round.
            int epoch = dev.vecnn.nn.Metadata.requireInt(m, P + "epoch");
            int bestEpoch = dev.vecnn.nn.Metadata.requireInt(m, P + "best_epoch");
            int stale = dev.vecnn.nn.Metadata.requireInt(m, P + "stale_evaluations");
            if (epoch < 0 || epoch > config.epochs()) {
                throw new IllegalArgumentException("epoch " + epoch + " is outside 0-" + config.epochs());
            }
            if (bestEpoch < 0 || bestEpoch > epoch || stale < 0 || stale > epoch) {
                throw new IllegalArgumentException("best epoch " + bestEpoch + " or stale evaluations " + stale
                        + " is outside 0-" + epoch);
            }
            double bestValLoss = dev.vecnn.nn.Metadata.requireDouble(m, P + "best_val_loss");
            // Checkpoints written before accuracy could stop a run stopped on loss, which leaves this at its
            // before-any value.
            double bestValAccuracy = m.containsKey(P + "best_val_accuracy")
                    ? dev.vecnn.nn.Metadata.requireDouble(m, P + "best_val_accuracy") : Double.NEGATIVE_INFINITY;
            double elapsed = dev.vecnn.nn.Metadata.requireDouble(m, P + "elapsed_seconds");
            if (Double.isNaN(bestValLoss) || !(elapsed >= 0) || Double.isInfinite(elapsed)) {
                throw new IllegalArgumentException("best validation loss " + bestValLoss + " or elapsed seconds " + elapsed
                        + " is not a valid value");
            }
            if (Double.isNaN(bestValAccuracy) || bestValAccuracy > 1) {
                throw new IllegalArgumentException("best validation accuracy " + bestValAccuracy + " is not a valid value");
            }
            return new Checkpoint(config, epoch,
                    dev.vecnn.nn.Metadata.requireLong(m, P + "rng_state"),
                    model, velocities, best, bestValLoss, bestValAccuracy, bestEpoch, stale,
                    MetricsCsv.parse(dev.vecnn.nn.Metadata.require(m, P + "metrics_csv")),
                    elapsed, context(m));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "bad checkpoint metadata: " + e.getMessage());
        }
    }
}
