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
        assertEquals(0.6, Samples.relativeIqr(x), 1e-12);
        assertEquals(4, x[0]); // the caller's order is kept
    }

    @Test
    void anEmptySampleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Samples.median(new double[0]));
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
