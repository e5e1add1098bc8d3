package dev.vecnn.hypothesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.experiment.Preset;
import dev.vecnn.experiment.Presets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HypothesesTest {

    @Test
    void everyVariantResolvesToADifferentConfigurationOfItsPreset() {
        for (String p : Hypotheses.presets()) {
            Preset faithful = Presets.byName(p);
            assertTrue(Hypotheses.variantsFor(p).get(0).faithful(), p + ": the faithful run comes first");
            for (Variant v : Hypotheses.variantsFor(p)) {
                Preset r = HypothesisRunner.resolve(p, v);
                if (v.faithful()) {
                    assertEquals(faithful, r, p);
                } else {
                    assertTrue(!r.config().equals(faithful.config()) || !r.data().equals(faithful.data()), p + " " + v.id());
                }
            }
        }
    }

    @Test
    void quickChecksNameAVariantAndAClaimOfTheirPresetAndAReadingOfTheClaim() {
        assertFalse(Hypotheses.QUICK.isEmpty());
        for (Hypotheses.QuickCheck q : Hypotheses.QUICK) {
            assertEquals(q.preset(), q.claimSpec().preset());
            assertFalse(q.variantSpec().faithful(), "a check of the faithful preset tests no hypothesis");
            assertTrue(q.claimSpec().readings().contains(q.reading()));
        }
    }

    @Test
    void claimIdsAreUniqueAndEveryClaimHasVariants() {
        Set<String> ids = new HashSet<>();
        for (Claim c : Hypotheses.claims()) {
            assertTrue(ids.add(c.id()), "duplicate " + c.id());
            boolean reproduced = Hypotheses.SEED004_REPRODUCED.contains(c.preset());
            assertEquals(reproduced ? 1 : 2, Math.min(2, Hypotheses.variantsFor(c.preset()).size()), c.id());
        }
    }

    @Test
    void aClaimHoldsOnlyWithinItsToleranceAndNeverOnMissingValues() {
        Claim best = Hypotheses.claimsFor("ovr-lr0.001").stream().filter(c -> c.id().endsWith("best")).findFirst().orElseThrow();
        Measurements m = new Measurements();
        for (int d = 0; d < 10; d++) {
            m.put("test.accuracy.d" + d, 0.9);
            m.put("test.recall.d" + d, 0.1);
        }
        m.put("test.recall.d4", 0.24);
        assertFalse(best.judge(m, Reading.ACCURACY).holds());
        Judgement recall = best.judge(m, Reading.RECALL);
        assertTrue(recall.holds(), recall.toString());
        assertEquals("24.00%", recall.value());
        assertFalse(best.judge(m, Reading.BALANCED).holds(), "nothing measured is not a reproduction");
        assertEquals(Judgement.NOT_MEASURED, best.judge(m, Reading.BALANCED));

        Claim negative = Hypotheses.claimsFor("mlp32-relu-lr0.05").stream().filter(c -> c.id().endsWith("final")).findFirst().orElseThrow();
        Measurements n = new Measurements();
        n.put("test.label_r2@10000", -2.0);
        n.put("test.accuracy@10000", 0.9);
        assertTrue(negative.judge(n, Reading.LABEL_R2).holds());
        assertFalse(negative.judge(n, Reading.ACCURACY).holds());
        n.put("test.label_r2@10000", -0.5);
        assertFalse(negative.judge(n, Reading.LABEL_R2).holds(), "negative but not within a factor of two");
    }

    @Test
    void stopEpochClaimsAllowThreeEpochsOrTwentyPercent() {
        Claim stop = Hypotheses.claimsFor("sigmoid-l1").stream().filter(c -> c.id().endsWith("stop")).findFirst().orElseThrow();
        Measurements m = new Measurements();
        m.put("stop_epoch", 38);
        assertTrue(stop.judge(m, Reading.ACCURACY).holds()); // 32 reported, 6 = 20% of 32 rounded
        m.put("stop_epoch", 39);
        assertFalse(stop.judge(m, Reading.ACCURACY).holds());
        assertNotEquals(Judgement.NOT_MEASURED, stop.judge(m, Reading.ACCURACY));
    }
}
