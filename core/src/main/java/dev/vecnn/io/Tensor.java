package dev.vecnn.io;

import java.util.Arrays;

/** An F32 tensor: its shape and its values in row-major order. */
public record Tensor(int[] shape, float[] data) {

    public Tensor {
        long count = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count
                    + " values, data has " + data.length);
        }
    }

    public static Tensor vector(float[] data) {
        return new Tensor(new int[] {data.length}, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
