package dev.vecnn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.kernel.Activation;
import dev.vecnn.nn.Head;
import dev.vecnn.nn.Initializer;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import dev.vecnn.nn.WeightLayout;
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
}
