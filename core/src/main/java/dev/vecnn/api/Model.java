package dev.vecnn.api;

import dev.vecnn.nn.ModelFile;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.train.TrainConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trained network: what {@link Vecnn#train} returns and {@link #load} reads. Save it with
 * {@link #save}; evaluate and predict with a {@link Vecnn}. Holds no threads.
 */
public final class Model {
    private final Mlp mlp;
    private final TrainConfig training;
    private final Map<String, String> metadata;

    Model(Mlp mlp, TrainConfig training, Map<String, String> metadata) {
        this.mlp = mlp;
        this.training = training;
        this.metadata = Map.copyOf(metadata);
    }

    /** The architecture: widths, activations, head. */
    public ModelConfig config() {
        return mlp.config();
    }

    /** The network itself (parameters, forward and backward passes), for what this facade does not cover. */
    public Mlp mlp() {
        return mlp;
    }

    /** The settings it was trained with; null for a file saved without them. */
    public TrainConfig training() {
        return training;
    }

    /** The sigmoid head's decision threshold (the training setting, else 0.5); unused by softmax. */
    public float threshold() {
        return training == null ? 0.5f : training.threshold();
    }

    /** The file's {@code __metadata__} for a loaded model (e.g. how the CLI normalised its inputs); empty otherwise. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Writes the weights and the architecture (plus the training settings, when known) as a
     * safetensors file, atomically; {@code vecnn eval} and {@link #load} read it.
     * Throws IllegalArgumentException for a model with a NaN or infinite weight.
     */
    public void save(Path file) throws IOException {
        if (file == null) throw new IllegalArgumentException("the file to save the model to must not be null");
        ModelFile.save(file, mlp, training == null ? Map.of() : training.toMetadata());
    }

    /** Reads a model written by {@link #save} or {@code vecnn train --save}; the message of an IOException names the file and the problem. */
    public static Model load(Path file) throws IOException {
        if (file == null) throw new IllegalArgumentException("the model file to load must not be null");
        ModelFile.Loaded loaded = ModelFile.load(file);
        TrainConfig training;
        try {
            training = TrainConfig.fromMetadata(loaded.metadata());
        } catch (IllegalArgumentException e) {
            training = null; // saved without (complete) training settings: the weights still stand alone
        }
        return new Model(loaded.model(), training, loaded.metadata());
    }
}
