package dev.vecnn.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small MNIST-shaped dataset for CLI tests: 28x28 images where class c is a bright horizontal
 * bar in rows 2c..2c+3 plus a little seeded noise, so a model can learn it in a few epochs. Shared with
 * the CLI and Spark modules' tests through core's test jar.
 */
public final class TinyMnist {
    private TinyMnist() {}

    public static void write(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        images(dir.resolve("train-images-idx3-ubyte"), train, 11);
        labels(dir.resolve("train-labels-idx1-ubyte"), train);
        images(dir.resolve("t10k-images-idx3-ubyte"), test, 12);
        labels(dir.resolve("t10k-labels-idx1-ubyte"), test);
    }

    private static void images(Path file, int n, int seed) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + n * 784);
        b.putInt(0x0803).putInt(n).putInt(28).putInt(28);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean bar = y >= 2 * c + 2 && y < 2 * c + 6 && x >= 4 && x < 24;
                    b.put((byte) (bar ? 200 + r.nextInt(56) : r.nextInt(30)));
                }
            }
        }
        Files.write(file, b.array());
    }

    private static void labels(Path file, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putInt(0x0801).putInt(n);
        for (int i = 0; i < n; i++) b.put((byte) (i % 10));
        Files.write(file, b.array());
    }
}
