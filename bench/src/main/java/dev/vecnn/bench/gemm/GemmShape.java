package dev.vecnn.bench.gemm;

import java.util.SplittableRandom;

/**
 * A benchmark GEMM problem parsed from "MxNxK:TT" (T = transposed, N = not), for example
 * "784x128x128:TN" is C(784x128) = A^T B with A stored 128 x 784. Operands are dense (leading
 * dimension = stored row length) and filled with reproducible random values.
 */
public record GemmShape(int m, int n, int k, boolean transA, boolean transB) {
    public static GemmShape parse(String spec) {
        String[] parts = spec.split(":");
        String[] dims = parts[0].split("x");
        String t = parts.length > 1 ? parts[1] : "NN";
        return new GemmShape(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]),
                t.charAt(0) == 'T', t.charAt(1) == 'T');
    }

    public int lda() { return transA ? m : k; }
    public int ldb() { return transB ? k : n; }
    public int ldc() { return n; }

    public float[] newA() { return random((long) m * k, 1); }
    public float[] newB() { return random((long) k * n, 2); }
    public float[] newC() { return new float[Math.toIntExact((long) m * n)]; }

    /** Floating-point operations of one multiply: 2 m n k. */
    public double flops() { return 2.0 * m * n * k; }

    private static float[] random(long len, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[Math.toIntExact(len)];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() - 0.5);
        return x;
    }
}
