package dev.vecnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.kernel.Activation;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.ModelConfig;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TrainConfigTest {
    private static final ModelConfig MODEL = ModelConfig.softmax(6, 3, new LayerSpec(5, Activation.TANH));

    @Test
    void theDefaultsAreClassicalMomentumAndStoppingOnLoss() {
        TrainConfig c = TrainConfig.defaults(MODEL);
        assertEquals(MomentumForm.CLASSICAL, c.momentumForm());
        assertEquals(StopCriterion.LOSS, c.stopOn());
        assertFalse(c.describe().contains("classical") || c.describe().contains("stop on"), c.describe());
    }

    @Test
    void metadataRoundTripsTheNewSettings() {
        TrainConfig c = TrainConfig.defaults(MODEL).withMomentum(0.9f).withMomentumForm(MomentumForm.NESTEROV)
                .withPatience(3).withStopOn(StopCriterion.ACCURACY).withL2(1e-3f);
        Map<String, String> m = c.toMetadata();
        assertEquals("nesterov", m.get("vecnn.train.momentum_form"));
        assertEquals("accuracy", m.get("vecnn.train.stop_on"));
        assertEquals(c, TrainConfig.fromMetadata(m));
        assertTrue(c.describe().contains("momentum 0.9 nesterov"), c.describe());
        assertTrue(c.describe().contains("stop on accuracy"), c.describe());
    }

    @Test
    void metadataWithoutTheNewKeysReadsAsTheDefaults() {
        TrainConfig c = TrainConfig.defaults(MODEL).withMomentum(0.5f).withPatience(2);
        Map<String, String> m = new java.util.LinkedHashMap<>(c.toMetadata());
        assertEquals("classical", m.remove("vecnn.train.momentum_form"));
        assertEquals("loss", m.remove("vecnn.train.stop_on"));
        assertEquals(c, TrainConfig.fromMetadata(m), "a file written before the settings existed");
    }

    @Test
    void nesterovWithoutMomentumIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.defaults(MODEL).withMomentumForm(MomentumForm.NESTEROV));
        assertTrue(e.getMessage().contains("nesterov needs --momentum > 0"), e.getMessage());
        TrainConfig nesterov = TrainConfig.defaults(MODEL).withMomentum(0.9f).withMomentumForm(MomentumForm.NESTEROV);
        assertThrows(IllegalArgumentException.class, () -> nesterov.withMomentum(0f));
    }

    @Test
    void unknownNamesListTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MomentumForm.parse("adam"));
        assertTrue(e.getMessage().contains("'adam'") && e.getMessage().contains("classical or nesterov"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StopCriterion.parse("f1"));
        assertTrue(e.getMessage().contains("'f1'") && e.getMessage().contains("loss or accuracy"), e.getMessage());
        assertEquals(MomentumForm.NESTEROV, MomentumForm.parse("Nesterov"));
        assertEquals(StopCriterion.ACCURACY, StopCriterion.parse("ACCURACY"));
        for (MomentumForm f : MomentumForm.values()) assertEquals(f, MomentumForm.parse(f.cliName()));
        for (StopCriterion s : StopCriterion.values()) assertEquals(s, StopCriterion.parse(s.cliName()));
    }

    @Test
    void everyWithMethodKeepsTheNewSettings() {
        TrainConfig c = TrainConfig.defaults(MODEL).withMomentum(0.9f).withMomentumForm(MomentumForm.NESTEROV)
                .withStopOn(StopCriterion.ACCURACY);
        List<UnaryOperator<TrainConfig>> withs = List.of(x -> x.withModel(ModelConfig.softmax(6, 3)), x -> x.withSeed(7),
                x -> x.withLearningRate(0.5f), x -> x.withMomentum(0.5f), x -> x.withL1(1e-4f), x -> x.withL2(1e-4f),
                x -> x.withReduction(Reduction.SUM), x -> x.withBatchSize(3), TrainConfig::withFullBatch, x -> x.withEpochs(3),
                x -> x.withPatience(4), x -> x.withShuffle(false), x -> x.withEvalEvery(2), x -> x.withThreshold(0.7f));
        for (UnaryOperator<TrainConfig> w : withs) {
            TrainConfig changed = w.apply(c);
            assertEquals(MomentumForm.NESTEROV, changed.momentumForm());
            assertEquals(StopCriterion.ACCURACY, changed.stopOn());
        }
    }
}
