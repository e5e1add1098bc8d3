package dev.vecnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DebugSwitchesTest {
    @Test
    void namesMatchWholeEntriesOnly() {
        assertTrue(DebugSwitches.names("gemm", "gemm"));
        assertTrue(DebugSwitches.names("step:1.1, GEMM2X", "gemm2x"));
        assertFalse(DebugSwitches.names("gemm2x", "gemm"));
        assertFalse(DebugSwitches.names("gemm:1.10", "gemm"));
    }

    @Test
    void factorsAreReadPerKernel() {
        assertEquals(1.10, DebugSwitches.factor("gemm:1.10", "gemm"));
        assertEquals(2.0, DebugSwitches.factor("gemm:1.05, step:2", "step"));
        assertEquals(1.0, DebugSwitches.factor("gemm2x", "gemm"));
        assertEquals(1.0, DebugSwitches.factor("", "step"));
    }

    @Test
    void aFactorBelowOneOrNotANumberIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DebugSwitches.factor("gemm:0.9", "gemm"));
        assertTrue(e.getMessage().contains("'gemm:0.9' needs a factor of at least 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DebugSwitches.factor("step:fast", "step"));
        assertThrows(IllegalArgumentException.class, () -> DebugSwitches.factor("step:Infinity", "step"));
    }
}
