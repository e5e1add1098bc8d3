package dev.vecnn.io;

import java.util.Arrays;
import java.util.Map;

/**
 * The content of a safetensors file: named F32 tensors in file order and the string metadata.
 *
 * @param source the file name, used in error messages
 */
public record SafetensorsFile(String source, Map<String, Tensor> tensors, Map<String, String> metadata) {

    /** The tensor {@code name}, which must have {@code shape}. */
    public Tensor require(String name, int[] shape) throws ModelFileException {
        Tensor t = tensors.get(name);
        if (t == null) throw new ModelFileException(source, "tensor '" + name + "' is missing");
        if (!Arrays.equals(t.shape(), shape)) {
            throw new ModelFileException(source, "tensor '" + name + "' has shape " + Arrays.toString(t.shape())
                    + ", expected " + Arrays.toString(shape));
        }
        return t;
    }

    /** The metadata value {@code key}. */
    public String requireMetadata(String key) throws ModelFileException {
        String v = metadata.get(key);
        if (v == null) throw new ModelFileException(source, "metadata entry '" + key + "' is missing");
        return v;
    }
}
