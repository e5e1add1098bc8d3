package dev.vecnn.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void quantilesInterpolateLikeNumPy() {
        double[] x = {4, 1, 3, 2};
        assertEquals(2.5, Samples.median(x));
        assertEquals(1.75, Samples.quantile(x, 0.25), 1e-12); // numpy.quantile([1,2,3,4], 0.25)
        assertEquals(3.25, Samples.quantile(x, 0.75), 1e-12);
        assertEquals(4, x[0]); // the caller's order is kept
    }

    @Test
    void anEmptySampleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Samples.median(new double[0]));
    }

    @Test
    void theMediansHalfWidthIsZeroForAConstantSampleAndNarrowsWithMoreForks() {
        assertEquals(0, BootstrapRatio.medianHalfWidth(new double[] {5, 5, 5, 5}, 0.95));
        double[] six = {96, 98, 99, 101, 102, 104};
        double[] eighteen = new double[18];
        for (int i = 0; i < 18; i++) eighteen[i] = six[i % 6];
        double w6 = BootstrapRatio.medianHalfWidth(six, 0.95), w18 = BootstrapRatio.medianHalfWidth(eighteen, 0.95);
        assertEquals(true, w6 > 0.015 && w6 < 0.05, "six forks: " + w6);
        assertEquals(true, w18 < w6, w18 + " vs " + w6);
    }

    @Test
    void bootstrapIntervalsAreReproducibleAndBracketTheRatio() {
        double[] base = {100, 101, 99, 102, 98, 100}, cand = {110, 111, 109, 112, 108, 110};
        BootstrapRatio.Interval a = BootstrapRatio.interval(base, cand, 0.99), b = BootstrapRatio.interval(base, cand, 0.99);
        assertEquals(a, b);
        double ratio = Samples.median(cand) / Samples.median(base);
        assertEquals(true, a.low() <= ratio && ratio <= a.high(), a + " vs " + ratio);
        assertEquals(true, a.low() > 1.05, a.toString());
    }
}
