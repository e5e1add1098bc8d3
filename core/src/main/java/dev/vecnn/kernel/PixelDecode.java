package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * 8-bit pixels to floats in [0, 1], bit for bit the values of {@link PixelDecodeReference}
 * ({@code pixel / 255f}), so a kernel may stream rows as bytes, a quarter of the memory traffic of their
 * floats, and decode them in registers. A vector division is slow and the product by the float nearest
 * 1/255 rounds 126 of the 256 quotients differently, so the quotient is {@code fma(p, HIGH, p * LOW)},
 * HIGH + LOW being 1/255 to twice a float's precision: for each of the 256 inputs that gives the correctly
 * rounded quotient, as division does (PixelDecodeTest checks all of them).
 */
public final class PixelDecode {
    private PixelDecode() {}

    /**
     * Whether kernels should read pixels through {@link #vector} at this width (8 or 16 float lanes); they
     * read the floats otherwise. At 4 lanes the masked 4-byte load made the neuron's kernels 3 times slower
     * than on floats (x86 at 128 bits), so {@link #vector} works there but is not used.
     */
    public static final boolean VECTORS = LANES == 8 || LANES == 16;

    private static final float HIGH = 1f / 255f;
    private static final float LOW = (float) (1.0 / 255 - HIGH);
    /** LANES pixels a load: a 64-bit load masked to its first 4 lanes where no 32-bit byte vector exists. */
    private static final VectorSpecies<Byte> BYTES = LANES >= 16 ? ByteVector.SPECIES_128 : ByteVector.SPECIES_64;
    private static final VectorMask<Byte> FIRST_LANES = VectorMask.fromLong(BYTES, (1L << Math.min(LANES, 63)) - 1);
    private static final boolean MASKED = LANES < BYTES.length();
    private static final VectorSpecies<Integer> INTS = SPECIES.withLanes(int.class);
    private static final FloatVector HIGHS = FloatVector.broadcast(SPECIES, HIGH);
    private static final FloatVector LOWS = FloatVector.broadcast(SPECIES, LOW);

    /** The LANES values decoded from pixels[at, at + LANES) (LANES of 4, 8 or 16). */
    public static FloatVector vector(byte[] pixels, int at) {
        ByteVector b = MASKED ? ByteVector.fromArray(BYTES, pixels, at, FIRST_LANES) : ByteVector.fromArray(BYTES, pixels, at);
        IntVector p = (IntVector) b.convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
        FloatVector f = (FloatVector) p.convert(VectorOperators.I2F, 0);
        return f.fma(HIGHS, f.mul(LOWS));
    }

    /** out[to + i] = pixels[from + i] / 255f for i in [0, count). */
    public static void decode(byte[] pixels, int from, float[] out, int to, int count) {
        int i = 0;
        if (LANES == 4 || LANES == 8 || LANES == 16) {
            for (; i <= count - LANES; i += LANES) vector(pixels, from + i).intoArray(out, to + i);
        }
        PixelDecodeReference.decode(pixels, from + i, out, to + i, count - i);
    }
}
