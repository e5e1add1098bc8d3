package dev.vecnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.data.Normalization;
import dev.vecnn.nn.Head;
import dev.vecnn.train.Reduction;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PresetsTest {
    @Test
    void namesAreUniqueAndFindable() {
        Set<String> names = new HashSet<>();
        for (Preset p : Presets.all()) {
            assertTrue(names.add(p.name()), "duplicate " + p.name());
            assertEquals(p, Presets.byName(p.name().toUpperCase()));
            assertTrue(p.description().length() > 20, p.name() + " explains its choices");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.byName("nope"));
        assertTrue(e.getMessage().contains("tanh-momentum"), "the error lists the names");
    }

    @Test
    void seed004PresetsFollowTheReport() {
        int count = 0;
        for (Preset p : Presets.all()) {
            if (!p.source().equals("seed 004")) continue;
            count++;
            assertEquals(Normalization.PER_IMAGE_ZSCORE, p.data().normalization());
            assertEquals(12_000, p.data().validationRows());
            assertEquals(128, p.config().batchSize());
            assertEquals(Reduction.SUM, p.config().reduction(), "the report's update rule sums over the batch");
            assertNotNull(p.reportedValue("test accuracy"), p.name());
            assertNotNull(p.reportedValue("stop epoch"), p.name());
            assertTrue(p.config().patience() == 3 || p.config().patience() == 5);
        }
        assertEquals(7, count);
        assertEquals(0.9f, Presets.byName("tanh-momentum").config().momentum());
        assertEquals(2e-4f, Presets.byName("sigmoid-l2").config().l2(), 1e-9f, "lambda * sum w^2 has gradient 2 lambda w");
    }

    @Test
    void seed000PresetsFollowTheReport() {
        for (String name : new String[] {"ovr-lr0.01", "ovr-lr0.05", "ovr-lr0.001"}) {
            Preset p = Presets.byName(name);
            assertEquals(Preset.Kind.ONE_VS_REST, p.kind());
            assertEquals(Head.SIGMOID_BINARY_CROSS_ENTROPY, p.config().model().head());
            assertEquals(1000, p.config().epochs());
            assertEquals(0.75f, p.config().threshold());
            assertTrue(p.config().fullBatch());
        }
        Preset m = Presets.byName("mlp32-relu-lr0.005");
        assertEquals(10_000, m.config().epochs());
        assertTrue(m.config().fullBatch());
        assertEquals(0, m.data().validationRows());
        for (int mark : m.marks()) assertEquals(0, mark % m.config().evalEvery(), "every mark is a recorded epoch");
    }

    @Test
    void quickVersionsAreShortAndHaveFloors() {
        int quick = 0;
        for (Preset p : Presets.all()) {
            if (!p.inQuick()) continue;
            quick++;
            Preset q = p.quick();
            assertTrue(q.config().epochs() <= p.config().epochs());
            assertTrue(q.kind() == Preset.Kind.GRADIENT_CHECK || q.quickFloor() > 0.1, p.name());
        }
        assertTrue(quick >= 4);
        assertThrows(IllegalStateException.class, () -> Presets.byName("relu").quick());
    }
}
