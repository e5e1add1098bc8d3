package dev.vecnn.kernel;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * How many floats to leave unused at the front of a large {@code float[]} so that the values after
 * them start on a 64-byte cache line. A full-width vector load from a row that straddles two lines
 * costs two line accesses; rows of 784 floats (49 lines) all start on a line once the first one does.
 *
 * <p>Only G1's humongous arrays (at least half a heap region) have a known address: they start on a
 * region boundary, so their data starts the array header's size past a line. For anything else
 * (smaller arrays, other collectors, an unreadable header size) the pad is 0. The pad moves where the
 * values are, never which operations run on them, so it changes speed only, never results.
 */
public final class LineAlignment {
    static final int LINE_BYTES = 64;
    /** Largest pad ever returned: under one line of floats. */
    public static final int MAX_PAD = LINE_BYTES / Float.BYTES - 1;

    private static final int BASE_OFFSET = floatArrayBaseOffset();
    private static final long HUMONGOUS_BYTES = g1HumongousThreshold();

    private LineAlignment() { }

    /** The pad (0 to {@link #MAX_PAD}) for a new array that holds {@code values} floats after it. */
    public static int leadingPad(long values) {
        if (BASE_OFFSET < 0 || HUMONGOUS_BYTES <= 0 || BASE_OFFSET % Float.BYTES != 0) return 0;
        if (BASE_OFFSET + (values + MAX_PAD) * Float.BYTES < HUMONGOUS_BYTES) return 0;
        return ((LINE_BYTES - BASE_OFFSET % LINE_BYTES) % LINE_BYTES) / Float.BYTES;
    }

    /** A zeroed array of {@code leadingPad(values) + values} floats; the values start at its length minus {@code values}. */
    public static float[] newPadded(int values) {
        return new float[Math.addExact(leadingPad(values), values)];
    }

    /** Bytes from an array's start to its first element, read without calling into Unsafe; -1 if unknown. */
    private static int floatArrayBaseOffset() {
        try {
            return Class.forName("sun.misc.Unsafe").getField("ARRAY_FLOAT_BASE_OFFSET").getInt(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /** The size from which G1 allocates an object at a region start; 0 when G1 is not the collector. */
    private static long g1HumongousThreshold() {
        try {
            var vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm == null || !Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue())) return 0;
            return Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue()) / 2;
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
