package dev.vecnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private String imageError(byte[] bytes) throws IOException {
        Path p = IdxFiles.write(dir, "broken-images", bytes);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().startsWith(p.toString()), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    private String labelError(byte[] bytes) throws IOException {
        Path p = IdxFiles.write(dir, "broken-labels", bytes);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(p, 10));
        assertTrue(e.getMessage().startsWith(p.toString()), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsRawAndGzipImagesIdentically() throws IOException {
        byte[] raw = IdxFiles.images(3, 2, 5, 7);
        IdxReader.Images a = IdxReader.readImages(IdxFiles.write(dir, "a", raw));
        IdxReader.Images b = IdxReader.readImages(IdxFiles.write(dir, "b.gz", IdxFiles.gzip(raw)));
        assertEquals(3, a.count());
        assertEquals(2, a.rows());
        assertEquals(5, a.cols());
        assertArrayEquals(Arrays.copyOfRange(raw, 16, raw.length), a.pixels());
        assertArrayEquals(a.pixels(), b.pixels());
    }

    @Test
    void readsLabels() throws IOException {
        int[] labels = IdxReader.readLabels(IdxFiles.write(dir, "l", IdxFiles.labels(0, 9, 3, 3)), 10);
        assertArrayEquals(new int[] {0, 9, 3, 3}, labels);
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] bytes = IdxFiles.images(1, 2, 2, 0);
        bytes[0] = 0x50; // 'P' as in a PNG or a text file
        assertTrue(imageError(bytes).contains("not an IDX file"));
    }

    @Test
    void wrongDataType() throws IOException {
        byte[] bytes = IdxFiles.concat(IdxFiles.header(0x0D, 3, 1, 2, 2), new byte[16]);
        assertTrue(imageError(bytes).contains("unsupported IDX data type 0x0D"));
    }

    @Test
    void unsupportedRank() throws IOException {
        byte[] bytes = IdxFiles.concat(IdxFiles.header(0x08, 4, 1, 1, 2, 2), new byte[4]);
        assertTrue(imageError(bytes).contains("unsupported rank 4"));
        assertTrue(labelError(IdxFiles.images(1, 1, 1, 0)).contains("unsupported rank 3"));
    }

    @Test
    void truncatedData() throws IOException {
        byte[] full = IdxFiles.images(4, 3, 3, 0);
        assertTrue(imageError(Arrays.copyOf(full, full.length - 1)).contains("truncated data"));
        assertTrue(imageError(Arrays.copyOf(full, 10)).contains("truncated header"));
        assertTrue(imageError(new byte[2]).contains("truncated header"));
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(50, 28, 28, 0));
        String message = imageError(Arrays.copyOf(gz, gz.length / 2));
        assertTrue(message.contains("truncated"), message);
    }

    @Test
    void trailingGarbage() throws IOException {
        byte[] bytes = IdxFiles.concat(IdxFiles.images(2, 2, 2, 0), new byte[] {1, 2, 3});
        assertTrue(imageError(bytes).contains("trailing data"));
    }

    @Test
    void zeroDimension() throws IOException {
        assertTrue(imageError(IdxFiles.header(0x08, 3, 0, 28, 28)).contains("dimension 0 is 0"));
        assertTrue(labelError(IdxFiles.header(0x08, 1, 0)).contains("dimension 0 is 0"));
    }

    @Test
    void absurdDimensionsAreRefusedWithoutAllocating() throws IOException {
        // 2^31 images of 28x28 would be 1.6 TB: refused from the header alone.
        assertTrue(imageError(IdxFiles.header(0x08, 3, Integer.MAX_VALUE, 28, 28)).contains("corrupt"));
        // Negative as a signed int.
        assertTrue(imageError(IdxFiles.header(0x08, 3, -5, 28, 28)).contains("at least 1"));
        // A plausible-looking claim of ~2 GB in a tiny file fails as truncated (and must not allocate 2 GB:
        // surefire runs with -Xmx2g, so allocating the claim would throw OutOfMemoryError instead).
        byte[] bigClaim = IdxFiles.concat(IdxFiles.header(0x08, 3, 2_700_000, 28, 28), new byte[100]);
        assertTrue(imageError(bigClaim).contains("truncated data"));
    }

    @Test
    void labelOutsideRange() throws IOException {
        String message = labelError(IdxFiles.labels(1, 2, 10));
        assertTrue(message.contains("label 10 at index 2"), message);
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope");
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().contains("file not found"));
    }

    @Test
    void onlyRegularFilesAreRead() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("train-images-idx3-ubyte"));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(folder));
        assertEquals(folder + ": is a directory, not a file", e.getMessage());
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero here");
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(zero, 10));
        assertTrue(e.getMessage().startsWith("/dev/zero: is not a regular file"), e.getMessage());
    }

    @Test
    void dataAboveTheLimitIsRefusedFromTheHeaderEvenWhenCompressed() throws IOException {
        // A few kilobytes of gzip can hold a gigabyte of zeros: the announced size is checked, not the file's.
        byte[] gz = IdxFiles.gzip(IdxFiles.images(20, 28, 28, 0));
        String old = System.getProperty(dev.vecnn.io.Limits.MAX_DATA_BYTES);
        try {
            System.setProperty(dev.vecnn.io.Limits.MAX_DATA_BYTES, "10000");
            String message = imageError(gz);
            assertTrue(message.endsWith(": header announces 15680 bytes of data, more than the limit of 10000;"
                    + " raise it with VECNN_JAVA_OPTS=-Dvecnn.maxDataBytes=N if this is intended"), message);
            System.setProperty(dev.vecnn.io.Limits.MAX_DATA_BYTES, "15680");
            Path ok = IdxFiles.write(dir, "fits.gz", gz);
            assertEquals(20, IdxReader.readImages(ok).count());
        } finally {
            if (old == null) System.clearProperty(dev.vecnn.io.Limits.MAX_DATA_BYTES);
            else System.setProperty(dev.vecnn.io.Limits.MAX_DATA_BYTES, old);
        }
    }
}
