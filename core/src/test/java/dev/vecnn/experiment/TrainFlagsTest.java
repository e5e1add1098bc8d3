package dev.vecnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.train.MomentumForm;
import dev.vecnn.train.StopCriterion;
import dev.vecnn.train.TrainConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainFlagsTest {
    @Test
    void momentumFormAndStopOnResolveIntoTheConfiguration() {
        TrainFlags flags = TrainFlags.of(Map.of("momentum", "0.9", "momentum-form", "nesterov", "stop-on", "accuracy", "patience", "3"));
        TrainConfig c = flags.resolve().config();
        assertEquals(MomentumForm.NESTEROV, c.momentumForm());
        assertEquals(StopCriterion.ACCURACY, c.stopOn());
        assertEquals(0.9f, c.momentum());
        assertEquals(flags, TrainFlags.of(flags.toMap()));
        assertEquals("nesterov", flags.toMap().get("momentum-form"));
        assertEquals("accuracy", flags.toMap().get("stop-on"));
    }

    @Test
    void leftOutTheyKeepThePresetsValues() {
        TrainConfig c = TrainFlags.of(Map.of()).resolve().config();
        assertEquals(MomentumForm.CLASSICAL, c.momentumForm());
        assertEquals(StopCriterion.LOSS, c.stopOn());
        Preset p = TrainFlags.of(Map.of("preset", "tanh-momentum")).resolve();
        assertEquals(Presets.byName("tanh-momentum"), p, "no flags, the preset itself");
        assertEquals(MomentumForm.NESTEROV,
                TrainFlags.of(Map.of("preset", "tanh-momentum", "momentum-form", "nesterov")).resolve().config().momentumForm());
    }

    @Test
    void badValuesAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainFlags.of(Map.of("momentum-form", "nesterov")).resolve());
        assertTrue(e.getMessage().contains("nesterov needs --momentum > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainFlags.of(Map.of("stop-on", "f1")).resolve());
        assertTrue(e.getMessage().contains("loss or accuracy"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainFlags.of(Map.of("momentum-form", "heavy")).resolve());
        assertTrue(e.getMessage().contains("classical or nesterov"), e.getMessage());
    }
}
