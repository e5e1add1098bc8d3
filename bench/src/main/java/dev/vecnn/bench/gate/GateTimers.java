package dev.vecnn.bench.gate;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nanoseconds per call of each kernel the gate compares, summed over one iteration's operations
 * (JMH reports each field per iteration as a secondary metric). Within one benchmark method every
 * operation runs each of its kernels once in turn, so the sums of one iteration were measured side
 * by side, under the same interference, and their ratio cancels it.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class GateTimers {
    public double packedNanos;
    public double unpackedNanos;
    public double referenceNanos;
    public double stepNanos;

    @Setup(Level.Iteration)
    public void reset() {
        packedNanos = unpackedNanos = referenceNanos = stepNanos = 0;
    }
}
