package dev.vecnn.kernel;

import java.util.SplittableRandom;

/**
 * Time of the softmax head's two passes over a full-batch epoch's logits on one thread, block by block
 * as GroupedPass runs them: the fused softmax, loss and gradient (SoftmaxCrossEntropy.blockLosses) and
 * the predictions (Reductions.rowArgmax), or with -Dfused=true both in one pass. Args: [rows (60000)] [classes (10)] [blockRows (256)] [rounds (200)].
 */
public class SoftmaxHeadPhases {
    /** -Dfused=true: the predictions found in the softmax pass's lanes, as SoftmaxHeadPass runs it. */
    static final boolean FUSED = Boolean.getBoolean("fused");
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 60000;
        int classes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int block = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        SplittableRandom r = new SplittableRandom(1);
        float[] z = new float[rows * classes], grad = new float[rows * classes];
        int[] labels = new int[rows], predictions = new int[rows];
        for (int i = 0; i < z.length; i++) z[i] = (float) (3 * r.nextGaussian());
        for (int i = 0; i < rows; i++) labels[i] = r.nextInt(classes);
        double[] losses = new double[(block + SoftmaxCrossEntropy.BLOCK_ROWS - 1) / SoftmaxCrossEntropy.BLOCK_ROWS];
        long loss = 0, argmax = 0;
        double sink = 0;
        for (int round = 0; round < rounds; round++) {
            if (round == rounds / 2) { loss = 0; argmax = 0; }
            for (int r0 = 0; r0 < rows; r0 += block) {
                int n = Math.min(block, rows - r0), off = r0 * classes;
                long t0 = System.nanoTime(), t1, t2;
                if (FUSED) {
                    SoftmaxCrossEntropy.blockLosses(z, off, n, classes, classes, labels, r0, null, grad, 1f / rows, losses, 0,
                            predictions, r0);
                    t1 = t2 = System.nanoTime();
                } else {
                    SoftmaxCrossEntropy.blockLosses(z, off, n, classes, classes, labels, r0, null, grad, 1f / rows, losses, 0);
                    t1 = System.nanoTime();
                    Reductions.rowArgmax(z, off, n, classes, classes, predictions, r0);
                    t2 = System.nanoTime();
                }
                loss += t1 - t0;
                argmax += t2 - t1;
                sink += losses[0] + predictions[r0];
            }
        }
        int timed = rounds - rounds / 2;
        System.out.printf("%d rows x %d classes in blocks of %d: softmax, loss and gradient %.3f ms (%.1f ns a row), argmax %.3f ms (%.1f ns a row)  [%s]%n",
                rows, classes, block, loss / 1e6 / timed, (double) loss / timed / rows, argmax / 1e6 / timed,
                (double) argmax / timed / rows, sink == 0 ? "" : "ok");
    }
}
