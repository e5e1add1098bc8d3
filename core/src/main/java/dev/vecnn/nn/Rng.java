package dev.vecnn.nn;

/**
 * SplitMix64: a small seeded generator whose whole state is one long, so a checkpoint can store it
 * and a resumed run draws exactly the numbers the uninterrupted run would have drawn.
 * Not thread-safe; one instance per stream of draws.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** A generator that continues from a state returned by {@link #state()}. */
    public static Rng fromState(long state) {
        return new Rng(state);
    }

    public long state() {
        return state;
    }

    public long nextLong() {
        long z = (state += GOLDEN);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound) by multiply-shift; the bias (bound / 2^32) is far below anything a shuffle can show. */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Standard normal by Box-Muller, one value per call (no cached spare, so the state stays one long).
     * StrictMath keeps the values identical on every JVM and CPU.
     */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log stays finite
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** A generator for an independent stream (for example one per one-vs-rest model). */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** Fisher-Yates shuffle of {@code a[0, len)}. */
    public void shuffle(int[] a, int len) {
        for (int i = len - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
