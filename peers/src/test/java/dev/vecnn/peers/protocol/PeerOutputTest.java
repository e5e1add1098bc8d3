package dev.vecnn.peers.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.io.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerOutputTest {
    private static final PeerArgs ARGS = new PeerArgs("tanh", 2, 5, 2, Path.of("/data"), 1);

    @Test
    void theSummaryIsTheMedianOfTheEpochsAfterTheWarmUp() {
        // epochs 1-2 are warm-up: the median of 30, 10, 20 is 20; of all five it would be 30
        String line = PeerOutput.summaryLine("vecnn", ARGS, List.of(100.0, 90.0, 30.0, 10.0, 20.0), 0.9512, 42, 7,
                Map.of("KernelPool", "2"), Map.of("vecnn", "0.1.0"));
        Map<?, ?> m = (Map<?, ?>) Json.parse(line);
        assertEquals(Boolean.TRUE, m.get("summary"));
        assertEquals(20.0, ((Number) m.get("samples_per_s")).doubleValue());
        assertEquals(0.9512, ((Number) m.get("test_accuracy")).doubleValue(), 1e-12);
        assertEquals(42L, ((Number) m.get("fingerprint")).longValue());
        assertEquals(7L, ((Number) m.get("init_fingerprint")).longValue());
        assertEquals(5L, ((Number) m.get("epochs")).longValue());
        assertEquals("tanh", m.get("case"));
        assertEquals(Map.of("KernelPool", "2"), m.get("env"));
    }

    @Test
    void aMissingAccuracyIsNullAndAnUncomparedInitIsLeftOut() {
        String line = PeerOutput.summaryLine("vecnn", ARGS, List.of(1.0, 2.0, 3.0), Double.NaN, 1, -1, Map.of(), Map.of());
        Map<?, ?> m = (Map<?, ?>) Json.parse(line);
        assertTrue(m.containsKey("test_accuracy"));
        assertEquals(Json.NULL, m.get("test_accuracy"));
        assertFalse(m.containsKey("init_fingerprint"));
    }

    @Test
    void epochLinesCarryTheRateAndTheLossWhenThereIsOne() {
        Map<?, ?> withLoss = (Map<?, ?>) Json.parse(PeerOutput.epochLine("dl4j", "tanh", 1, 3, 123456.7, 0.25));
        assertEquals(3L, ((Number) withLoss.get("epoch")).longValue());
        assertEquals(123457.0, ((Number) withLoss.get("samples_per_s")).doubleValue()); // six significant digits
        assertEquals(0.25, ((Number) withLoss.get("train_loss")).doubleValue());
        Map<?, ?> inference = (Map<?, ?>) Json.parse(PeerOutput.epochLine("vecnn", "infer", 1, 1, 5.0, Double.NaN));
        assertFalse(inference.containsKey("train_loss"));
    }

    @Test
    void medianOfEvenOddAndEmpty() {
        assertEquals(2.5, PeerOutput.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(3.0, PeerOutput.median(List.of(5.0, 3.0, 1.0)));
        assertTrue(Double.isNaN(PeerOutput.median(List.of())));
    }

    @Test
    void argumentsSurviveTheTripToAPeerAndBack() {
        PeerArgs back = PeerArgs.parse("test", PeerArgs.CASES, ARGS.toArgs().toArray(String[]::new));
        assertEquals(ARGS, back);
    }
}
