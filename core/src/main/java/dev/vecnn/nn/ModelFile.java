package dev.vecnn.nn;

import dev.vecnn.io.Safetensors;
import dev.vecnn.io.SafetensorsFile;
import dev.vecnn.io.Tensor;
import dev.vecnn.io.ModelFileException;
import dev.vecnn.kernel.Tuning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained network as a safetensors file: tensors {@code layers.L.weight} (shape as stored by
 * the layout) and {@code layers.L.bias}, the architecture in {@code __metadata__} under
 * {@code vecnn.model.*}, the kernels' {@link Tuning} under {@code vecnn.tuning.*}, plus any extra metadata the caller adds (for example the training
 * configuration and results).
 */
public final class ModelFile {
    public static final String FORMAT_KEY = "vecnn.format";
    public static final String FORMAT_MODEL = "vecnn-model-1";

    private ModelFile() {}

    /** A loaded network and all metadata of its file. */
    public record Loaded(Mlp model, Map<String, String> metadata) {}

    /** Refuses a model with a NaN or infinite parameter: such a file would only mislead whoever loads it. */
    public static void save(Path file, Mlp model, Map<String, String> extraMetadata) throws IOException {
        for (Parameter p : model.parameters()) {
            try {
                requireFinite(file.toString(), p.name(), p.values());
            } catch (ModelFileException e) {
                throw new IllegalArgumentException("refusing to save " + e.getMessage(), e);
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(FORMAT_KEY, FORMAT_MODEL);
        meta.putAll(model.config().toMetadata());
        meta.putAll(Tuning.ACTIVE.toMetadata()); // which blocking produced these bits
        meta.putAll(extraMetadata);
        Safetensors.write(file, tensorsOf(model), meta);
    }

    public static Loaded load(Path file) throws ModelFileException {
        SafetensorsFile f = Safetensors.read(file);
        String format = f.metadata().get(FORMAT_KEY);
        if (format == null) {
            throw new ModelFileException(file, "not a vecnn model (no " + FORMAT_KEY + " metadata); was it written by vecnn?");
        }
        return new Loaded(modelFrom(f), f.metadata());
    }

    /** Every parameter of {@code model} as a tensor, keyed by parameter name. */
    public static Map<String, Tensor> tensorsOf(Mlp model) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            tensors.put(p.name(), new Tensor(p.shape().clone(), p.values().clone()));
        }
        return tensors;
    }

    /** Builds the network described by the file's metadata and fills it from its tensors. */
    public static Mlp modelFrom(SafetensorsFile f) throws ModelFileException {
        ModelConfig config;
        try {
            config = ModelConfig.fromMetadata(f.metadata());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(f.source(), "bad model configuration: " + e.getMessage());
        }
        checkSize(f, config);
        Mlp model = Mlp.zeros(config);
        readParameters(f, "", model);
        return model;
    }

    /**
     * The metadata names the widths, so it alone decides what Mlp.zeros allocates: a few bytes of
     * JSON could ask for gigabytes. The model must fit the limit, and the file must hold every
     * tensor it needs, in its shape, before anything is allocated.
     */
    static void checkSize(SafetensorsFile f, ModelConfig config) throws ModelFileException {
        try {
            Mlp.checkSize(config);
        } catch (IllegalArgumentException e) {
            throw ModelFileException.advised(f.source(), e.getMessage());
        }
        for (Map.Entry<String, int[]> p : Mlp.parameterShapes(config).entrySet()) f.require(p.getKey(), p.getValue());
    }

    /** Copies tensors {@code prefix + parameterName} into {@code model}'s parameters, checking shapes and values. */
    public static void readParameters(SafetensorsFile f, String prefix, Mlp model) throws ModelFileException {
        for (Parameter p : model.parameters()) {
            Tensor t = f.require(prefix + p.name(), p.shape());
            requireFinite(f.source(), prefix + p.name(), t.data());
            System.arraycopy(t.data(), 0, p.values(), 0, p.size());
        }
    }

    /** A NaN or infinite weight makes every prediction meaningless: refused, naming the tensor. */
    public static void requireFinite(String source, String tensor, float[] values) throws ModelFileException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new ModelFileException(source, "tensor '" + tensor + "' holds " + values[i] + " at index " + i
                        + ": the weights are not finite (a diverged run, or a damaged file)");
            }
        }
    }
}
