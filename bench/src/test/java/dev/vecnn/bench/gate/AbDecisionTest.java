package dev.vecnn.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.bench.gate.AbDecision.Rule;
import dev.vecnn.bench.gate.AbDecision.Verdict;
import org.junit.jupiter.api.Test;

/** Known samples (microseconds per operation, one per fork) with known verdicts. */
class AbDecisionTest {
    private static final double[] BASE = {100.0, 101.2, 99.4, 100.8, 99.9, 100.3};

    private static double[] scaled(double[] x, double f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] * f;
        return y;
    }

    @Test
    void theSameTimesPass() {
        AbDecision d = AbDecision.decide("gemm", BASE, new double[] {100.5, 99.8, 100.1, 101.0, 99.6, 100.2}, Rule.DEFAULT);
        assertEquals(Verdict.PASS, d.verdict(), d.reason());
    }

    @Test
    void aTenPercentSlowdownWithSeparatedForksFails() {
        AbDecision d = AbDecision.decide("gemm", BASE, scaled(BASE, 1.10), Rule.DEFAULT);
        assertEquals(Verdict.FAIL, d.verdict());
        assertEquals(1.10, d.ratio(), 1e-9);
        assertTrue(d.p() < 0.01, "p = " + d.p());
        assertTrue(d.reason().startsWith("10.0% slower"), d.reason());
    }

    @Test
    void aSignificantSlowdownUnderTheFloorPasses() {
        AbDecision d = AbDecision.decide("gemm", BASE, scaled(BASE, 1.03), Rule.DEFAULT);
        assertEquals(Verdict.PASS, d.verdict());
        assertTrue(d.reason().contains("under the 5% floor"), d.reason());
    }

    @Test
    void aLargeMedianGapWithoutSignificanceDoesNotFail() {
        // Two slow forks in each arm: the medians differ by 20%, but the ranks are mixed.
        double[] base = {100, 101, 99, 150, 160, 100}, cand = {102, 155, 98, 165, 120, 130};
        AbDecision d = AbDecision.decide("step", base, cand, Rule.DEFAULT);
        assertTrue(d.p() > 0.01, "p = " + d.p());
        assertEquals(Verdict.INCONCLUSIVE, d.verdict(), d.reason());
        assertTrue(d.reason().contains("spread"), d.reason());
    }

    @Test
    void tooFewForksAreInconclusiveEvenWhenClearlySlower() {
        AbDecision d = AbDecision.decide("gemm", new double[] {100, 101, 99}, new double[] {130, 131, 129}, Rule.DEFAULT);
        assertEquals(Verdict.INCONCLUSIVE, d.verdict());
        assertTrue(d.reason().contains("cannot reach p < 0.01"), d.reason());
    }

    @Test
    void aFasterCandidatePassesAndSaysSo() {
        AbDecision d = AbDecision.decide("gemm", BASE, scaled(BASE, 0.8), Rule.DEFAULT);
        assertEquals(Verdict.PASS, d.verdict());
        assertTrue(d.reason().contains("faster"), d.reason());
    }

    @Test
    void rulesOutsideTheirRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Rule(0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new Rule(0.01, 1.5));
    }
}
