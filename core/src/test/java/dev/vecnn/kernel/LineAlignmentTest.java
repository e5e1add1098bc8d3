package dev.vecnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LineAlignmentTest {

    @Test
    void smallArraysAreNotPaddedAndLargeOnesAtMostUnderALine() {
        assertEquals(0, LineAlignment.leadingPad(0));
        assertEquals(0, LineAlignment.leadingPad(128 * 784), "a batch is far below any G1 region");
        int pad = LineAlignment.leadingPad(60_000 * 784);
        assertTrue(pad >= 0 && pad <= LineAlignment.MAX_PAD, "pad " + pad);
        float[] a = LineAlignment.newPadded(60_000 * 784);
        assertEquals(pad + 60_000 * 784, a.length);
    }

    @Test
    void underG1ALargeArraysValuesStartOnALine() {
        boolean g1 = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(b -> b.getName().startsWith("G1"));
        org.junit.jupiter.api.Assumptions.assumeTrue(g1, "only G1 places large arrays on a known boundary");
        int base = headerBytes();
        int pad = LineAlignment.leadingPad(60_000 * 784);
        assertEquals(0, (base + pad * Float.BYTES) % LineAlignment.LINE_BYTES, "header " + base + " bytes, pad " + pad);
    }

    private static int headerBytes() {
        try {
            return Class.forName("sun.misc.Unsafe").getField("ARRAY_FLOAT_BASE_OFFSET").getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
