package dev.vecnn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files, well-formed or deliberately broken, for tests. */
final class IdxFiles {
    private IdxFiles() {}

    static byte[] header(int type, int rank, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.putInt((type << 8) | rank);
        for (int d : dims) b.putInt(d);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    static byte[] images(int count, int rows, int cols, int seed) {
        byte[] data = new byte[count * rows * cols];
        for (int i = 0; i < data.length; i++) data[i] = (byte) ((i * 31 + seed) & 0xFF);
        return concat(header(0x08, 3, count, rows, cols), data);
    }

    static byte[] labels(int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) data[i] = (byte) labels[i];
        return concat(header(0x08, 1, labels.length), data);
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** A complete, tiny, MNIST-shaped dataset folder: 20 train and 10 test 4x4 images. */
    static void writeTinyDataset(Path dir, boolean gzipped) throws IOException {
        int[] trainLabels = new int[20];
        for (int i = 0; i < 20; i++) trainLabels[i] = i % 10;
        int[] testLabels = new int[10];
        for (int i = 0; i < 10; i++) testLabels[i] = 9 - i;
        put(dir, MnistFile.TRAIN_IMAGES, images(20, 4, 4, 1), gzipped);
        put(dir, MnistFile.TRAIN_LABELS, labels(trainLabels), gzipped);
        put(dir, MnistFile.TEST_IMAGES, images(10, 4, 4, 2), gzipped);
        put(dir, MnistFile.TEST_LABELS, labels(testLabels), gzipped);
    }

    private static void put(Path dir, MnistFile f, byte[] raw, boolean gzipped) throws IOException {
        if (gzipped) write(dir, f.fileName() + ".gz", gzip(raw));
        else write(dir, f.fileName(), raw);
    }
}
