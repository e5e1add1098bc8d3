package dev.vecnn.kernel;

import static dev.vecnn.kernel.Blocking.MR;
import static dev.vecnn.kernel.Blocking.NR;

/**
 * One worker's packing buffers and write-back scratch. They grow to the largest problem seen and
 * are then reused, so steady-state GEMM calls allocate nothing.
 */
final class GemmWorkspace {
    float[] packedA = new float[0];
    float[] packedB = new float[0];
    final float[] tile = new float[Math.max(MR * NR, 16)];
    /** A row of NR zeros: the C source of the micro-kernel's write-back when C must not be read. */
    final float[] zeros = new float[NR];

    float[] packedA(int floats) {
        if (packedA.length < floats) packedA = new float[floats];
        return packedA;
    }

    float[] packedB(int floats) {
        if (packedB.length < floats) packedB = new float[floats];
        return packedB;
    }
}
