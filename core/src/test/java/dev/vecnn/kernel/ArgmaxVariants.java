package dev.vecnn.kernel;
import static dev.vecnn.kernel.Blocking.LANES;
import static dev.vecnn.kernel.Blocking.SPECIES;
import jdk.incubator.vector.*;
import java.util.*;

/**
 * The vector row argmax vecnn used before d456c3f (max over lanes, then the first lane equal to it)
 * against the library's current one, on 2048 rows of 10 logits, random and peaked.
 */
public class ArgmaxVariants {
    static void vec(float[] a, int aOff, int rows, int cols, int lda, int[] out, int outOff) {
        for (int i = 0; i < rows; i++) {
            int row = aOff + i * lda;
            FloatVector mx = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < cols; j += LANES) {
                VectorMask<Float> m = SPECIES.indexInRange(j, cols);
                mx = mx.max(FloatVector.fromArray(SPECIES, a, row + j, m).blend(Float.NEGATIVE_INFINITY, m.not()));
            }
            float max = mx.reduceLanes(VectorOperators.MAX);
            int best = -1;
            if (max == max) {
                for (int j = 0; j < cols && best < 0; j += LANES) {
                    VectorMask<Float> m = SPECIES.indexInRange(j, cols);
                    int t = FloatVector.fromArray(SPECIES, a, row + j, m).compare(VectorOperators.EQ, max).and(m).firstTrue();
                    if (t < LANES) best = j + t;
                }
            }
            if (best < 0) { best = 0; for (int j = 1; j < cols; j++) if (a[row + j] > a[row + best]) best = j; }
            out[outOff + i] = best;
        }
    }
    public static void main(String[] x) {
        int rows = 2048, cols = 10;
        for (String kind : new String[] {"random", "peaked"}) {
            Random r = new Random(3);
            float[] z = new float[rows * cols + 6];
            for (int i = 0; i < rows; i++) { int c = r.nextInt(cols); for (int j = 0; j < cols; j++) z[i * cols + j] = (float) r.nextGaussian() + (kind.equals("peaked") && j == c ? 6f : 0f); }
            int[] o1 = new int[rows], o2 = new int[rows];
            for (int rep = 0; rep < 5; rep++) {
                long t0 = System.nanoTime(); for (int it = 0; it < 200; it++) vec(z, 0, rows, cols, cols, o1, 0);
                long t1 = System.nanoTime(); for (int it = 0; it < 200; it++) Reductions.rowArgmax(z, 0, rows, cols, cols, o2, 0);
                long t2 = System.nanoTime();
                if (rep == 4) System.out.printf("%s: vector %.1f ns/row, branch-free scalar %.1f ns/row, same %b%n", kind, (t1 - t0) / 200.0 / rows, (t2 - t1) / 200.0 / rows, Arrays.equals(o1, o2));
            }
        }
    }
}
