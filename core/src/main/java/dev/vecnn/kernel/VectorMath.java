package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Transcendentals built only from add, mul, fma and bit moves. The Vector API's own
 * {@code lanewise(EXP)} calls a native library when compiled and {@code Math.exp} when interpreted;
 * the two can differ in the last bit, so results would depend on the JIT tier (and so on timing and
 * thread count). These versions give the same bits on every tier. Accuracy: about 2 ulp.
 */
final class VectorMath {
    private VectorMath() {}

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer. */
    private static final float ROUNDER = 12582912f;
    private static final float EXP_MAX = 88.7228391f;
    private static final float EXP_MIN = -87.3365448f;

    /** e^x; 0 below the smallest normal result, +Inf above the largest. NaN stays NaN. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector t = xc.fma(LOG2E, ROUNDER);
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(SPECIES, -LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(SPECIES, -LN2_LO), r);
        FloatVector r2 = r.mul(r);
        FloatVector poly = r.fma(1.9875691500E-4f, 1.3981999507E-3f);
        poly = poly.fma(r, FloatVector.broadcast(SPECIES, 8.3334519073E-3f));
        poly = poly.fma(r, FloatVector.broadcast(SPECIES, 4.1665795894E-2f));
        poly = poly.fma(r, FloatVector.broadcast(SPECIES, 1.6666665459E-1f));
        poly = poly.fma(r, FloatVector.broadcast(SPECIES, 5.0000001201E-1f));
        FloatVector er = poly.fma(r2, r).add(1f);
        IntVector bits = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        FloatVector result = er.mul(bits.reinterpretAsFloats());
        result = result.blend(0f, x.lt(EXP_MIN));
        return result.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_MAX));
    }

    /** 1 / (1 + e^-x). */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        return one.div(exp(x.neg()).add(1f));
    }

    /** tanh x: an odd polynomial near 0 (no cancellation), 1 - 2 / (e^2|x| + 1) elsewhere. */
    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector z = x.mul(x);
        FloatVector small = z.fma(-5.70498872745E-3f, 2.06390887954E-2f);
        small = small.fma(z, FloatVector.broadcast(SPECIES, -5.37397155531E-2f));
        small = small.fma(z, FloatVector.broadcast(SPECIES, 1.33314422036E-1f));
        small = small.fma(z, FloatVector.broadcast(SPECIES, -3.33332819422E-1f));
        small = small.mul(z).fma(x, x);
        FloatVector two = FloatVector.broadcast(SPECIES, 2f);
        FloatVector large = FloatVector.broadcast(SPECIES, 1f).sub(two.div(exp(ax.add(ax)).add(1f)));
        large = large.blend(large.neg(), x.lt(0f));
        return large.blend(small, ax.lt(0.625f));
    }

    /** log(1 + e) for e in [0, 1], via 2 atanh(e / (2 + e)); accurate for tiny e as well. */
    static FloatVector log1pUnit(FloatVector e) {
        FloatVector s = e.div(e.add(2f));
        FloatVector s2 = s.mul(s);
        FloatVector poly = s2.fma(1f / 13f, 1f / 11f);
        poly = poly.fma(s2, FloatVector.broadcast(SPECIES, 1f / 9f));
        poly = poly.fma(s2, FloatVector.broadcast(SPECIES, 1f / 7f));
        poly = poly.fma(s2, FloatVector.broadcast(SPECIES, 1f / 5f));
        poly = poly.fma(s2, FloatVector.broadcast(SPECIES, 1f / 3f));
        poly = poly.fma(s2, FloatVector.broadcast(SPECIES, 1f));
        return s.add(s).mul(poly);
    }
}
