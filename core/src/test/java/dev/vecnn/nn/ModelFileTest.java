package dev.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.kernel.Activation;
import dev.vecnn.io.Safetensors;
import dev.vecnn.io.SafetensorsFile;
import dev.vecnn.io.Tensor;
import dev.vecnn.io.ModelFileException;
import dev.vecnn.io.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    @Test
    void savedModelsLoadWithTheSameConfigurationAndWeights() throws Exception {
        for (WeightLayout layout : WeightLayout.values()) {
            ModelConfig c = new ModelConfig(5, List.of(new LayerSpec(4, Activation.SIGMOID), new LayerSpec(3, Activation.RELU)),
                    Head.SOFTMAX_CROSS_ENTROPY, 7, layout, Initializer.parse("normal:0.3"));
            Mlp m = Mlp.initialise(c, 8);
            Path f = dir.resolve("model-" + layout + ".safetensors");
            ModelFile.save(f, m, Map.of("vecnn.result.test_accuracy", "0.97"));
            ModelFile.Loaded loaded = ModelFile.load(f);
            assertEquals(c, loaded.model().config());
            assertEquals("0.97", loaded.metadata().get("vecnn.result.test_accuracy"));
            for (int i = 0; i < m.parameters().size(); i++) {
                assertArrayEquals(m.parameters().get(i).values(), loaded.model().parameters().get(i).values());
            }
        }
    }

    @Test
    void aSafetensorsFileFromElsewhereIsRefusedClearly() throws Exception {
        Path f = dir.resolve("foreign.safetensors");
        Safetensors.write(f, Map.of("w", Tensor.vector(new float[] {1f})), Map.of());
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().startsWith(f + ": not a vecnn model"), e.getMessage());
    }

    @Test
    void aTensorOfTheWrongShapeIsRefused() throws Exception {
        ModelConfig c = ModelConfig.softmax(3, 2);
        Path f = dir.resolve("m.safetensors");
        ModelFile.save(f, Mlp.initialise(c, 1), Map.of());
        // Same file with the configuration claiming 4 inputs.
        SafetensorsFile read = Safetensors.read(f);
        Map<String, String> meta = new java.util.LinkedHashMap<>(read.metadata());
        meta.put("vecnn.model.inputs", "4");
        Safetensors.write(f, read.tensors(), meta);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("layers.0.weight") && e.getMessage().contains("shape"), e.getMessage());
        assertTrue(Files.exists(f));
    }

    /** A small valid model file whose metadata entries {@code overrides} replace the saved ones. */
    private Path withMetadata(String name, Map<String, String> overrides) throws Exception {
        Path f = dir.resolve(name);
        ModelFile.save(f, Mlp.initialise(ModelConfig.softmax(3, 2, new LayerSpec(4, Activation.TANH)), 1), Map.of());
        SafetensorsFile read = Safetensors.read(f);
        Map<String, String> meta = new java.util.LinkedHashMap<>(read.metadata());
        meta.putAll(overrides);
        Safetensors.write(f, read.tensors(), meta);
        return f;
    }

    @Test
    void metadataNamingAHugeModelIsRefusedBeforeAllocating() throws Exception {
        // 784 x 2,000,000 weights would be 6.3 GB; the tests run with -Xmx2g, so allocating them fails the test.
        Path wide = withMetadata("wide.safetensors", Map.of("vecnn.model.inputs", "784", "vecnn.model.hidden", "2000000:tanh"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(wide));
        assertTrue(e.getMessage().startsWith(wide + ": model 784-2000000:tanh-2 softmax has 1574000002 parameters,"
                + " more than the limit of 50000000; raise it with VECNN_JAVA_OPTS=-Dvecnn.maxParameters=N"), e.getMessage());
        // Within the limit but far more than the file holds.
        Path holds = withMetadata("holds.safetensors", Map.of("vecnn.model.hidden", "100000:tanh"));
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(holds));
        assertEquals(holds + ": tensor 'layers.0.weight' has shape [3, 4], expected [3, 100000]", e.getMessage());
        // Sizes whose product overflows an int (and a long, summed over layers) name the file too.
        Path classes = withMetadata("classes.safetensors", Map.of("vecnn.model.classes", "2147483647"));
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(classes));
        assertTrue(e.getMessage().startsWith(classes + ": ") && e.getMessage().contains("parameters"), e.getMessage());
        String many = String.join(",", java.util.Collections.nCopies(4, "2147483647:relu"));
        Path overflow = withMetadata("overflow.safetensors", Map.of("vecnn.model.hidden", many));
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(overflow));
        assertTrue(e.getMessage().startsWith(overflow + ": ") && e.getMessage().contains("more than 2^63"), e.getMessage());
        // Two million one-unit layers are few parameters but millions of objects: refused from the text.
        String deep = String.join(",", java.util.Collections.nCopies(2_000_000, "1:relu"));
        Path layers = withMetadata("deep.safetensors", Map.of("vecnn.model.hidden", deep));
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(layers));
        assertEquals(layers + ": bad model configuration: configuration key 'vecnn.model.hidden' names 2000000 layers,"
                + " more than 1000", e.getMessage());
    }

    @Test
    void theParameterLimitCanBeRaisedOrLowered() throws Exception {
        Path f = withMetadata("small.safetensors", Map.of());
        String old = System.getProperty(Limits.MAX_PARAMETERS);
        try {
            System.setProperty(Limits.MAX_PARAMETERS, "10");
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
            assertTrue(e.getMessage().contains("26 parameters, more than the limit of 10"), e.getMessage());
            System.setProperty(Limits.MAX_PARAMETERS, "26");
            assertEquals(26, ModelFile.load(f).model().parameterCount());
            System.setProperty(Limits.MAX_PARAMETERS, "lots");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ModelFile.load(f));
            assertEquals("-Dvecnn.maxParameters=lots is not a positive whole number", bad.getMessage());
        } finally {
            if (old == null) System.clearProperty(Limits.MAX_PARAMETERS);
            else System.setProperty(Limits.MAX_PARAMETERS, old);
        }
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingTheTensor() throws Exception {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            Path f = withMetadata("nan.safetensors", Map.of());
            SafetensorsFile read = Safetensors.read(f);
            Map<String, Tensor> tensors = new java.util.LinkedHashMap<>(read.tensors());
            float[] bias = tensors.get("layers.1.bias").data().clone();
            bias[1] = bad;
            tensors.put("layers.1.bias", Tensor.vector(bias));
            Safetensors.write(f, tensors, read.metadata());
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f));
            assertTrue(e.getMessage().startsWith(f + ": tensor 'layers.1.bias' holds " + bad + " at index 1"), e.getMessage());
        }
    }

    @Test
    void aModelWithNonFiniteWeightsIsNeverSaved() {
        Mlp m = Mlp.initialise(ModelConfig.softmax(3, 2), 1);
        m.parameters().get(0).values()[2] = Float.NaN;
        Path f = dir.resolve("diverged.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(f, m, Map.of()));
        assertTrue(e.getMessage().contains("refusing to save " + f + ": tensor 'layers.0.weight' holds NaN"), e.getMessage());
        assertTrue(!Files.exists(f));
    }

    @Test
    void onlyRegularFilesAreRead() throws Exception {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(dir));
        assertEquals(dir + ": is a directory, not a file", e.getMessage());
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero here");
        // Files.size of a device is 0 and reading it never ends: refused from its attributes.
        e = assertThrows(ModelFileException.class, () -> ModelFile.load(zero));
        assertTrue(e.getMessage().startsWith("/dev/zero: is not a regular file"), e.getMessage());
    }
}
