package dev.vecnn.bench.layout;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Samples (rows) processed, reported beside the call rate: in Throughput mode the "samples" column is samples/s. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class SampleCounter {
    public double samples;

    @Setup(Level.Iteration)
    public void reset() {
        samples = 0;
    }
}
