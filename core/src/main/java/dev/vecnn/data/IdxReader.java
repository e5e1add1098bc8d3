package dev.vecnn.data;

import dev.vecnn.io.InputFiles;
import dev.vecnn.io.Limits;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST container format), raw or gzip-compressed: a big-endian header of
 * two zero bytes, a data-type byte, a rank byte and one 32-bit size per dimension, then the data.
 * Only unsigned-byte files of rank 1 (labels, magic 0x00000801) and rank 3 (images, 0x00000803)
 * are accepted. Every failure is an {@link IdxFormatException} naming the file and the problem.
 */
public final class IdxReader {
    static final int UNSIGNED_BYTE = 0x08;
    /** No IDX file vecnn reads is larger than this; a bigger claim is a corrupt header. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private IdxReader() {}

    /** An image file: {@code count} images of {@code rows x cols} unsigned bytes, row-major. */
    public record Images(Path file, int count, int rows, int cols, byte[] pixels) {
        public int pixelsPerImage() {
            return rows * cols;
        }
    }

    public static Images readImages(Path file) throws IdxFormatException {
        return read(file, null, 3, (dims, data) -> new Images(file, dims[0], dims[1], dims[2], data));
    }

    /** Parses image data from {@code in} (raw or gzip); {@code name} is used in error messages. */
    public static Images readImages(Path name, InputStream in) throws IdxFormatException {
        return read(name, in, 3, (dims, data) -> new Images(name, dims[0], dims[1], dims[2], data));
    }

    /** A label file, with every label checked to lie in [0, classes). */
    public static int[] readLabels(Path file, int classes) throws IdxFormatException {
        return checkLabels(file, read(file, null, 1, (dims, data) -> data), classes);
    }

    /** Parses label data from {@code in} (raw or gzip); {@code name} is used in error messages. */
    public static int[] readLabels(Path name, InputStream in, int classes) throws IdxFormatException {
        return checkLabels(name, read(name, in, 1, (dims, data) -> data), classes);
    }

    private static int[] checkLabels(Path file, byte[] raw, int classes) throws IdxFormatException {
        int[] labels = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int label = raw[i] & 0xFF;
            if (label >= classes) {
                throw new IdxFormatException(file, "label " + label + " at index " + i
                        + " is outside 0-" + (classes - 1));
            }
            labels[i] = label;
        }
        return labels;
    }

    private interface Body<T> {
        T make(int[] dims, byte[] data);
    }

    private static <T> T read(Path file, InputStream source, int expectedRank, Body<T> body)
            throws IdxFormatException {
        String kind = expectedRank == 3 ? "image" : "label";
        long fileSize = -1;
        if (source == null) {
            String problem = InputFiles.problem(file);
            if (problem != null) throw new IdxFormatException(file, problem.equals("no such file") ? "file not found" : problem);
            try {
                fileSize = Files.size(file);
            } catch (IOException e) {
                throw new IdxFormatException(file, "cannot read: " + e.getMessage(), e);
            }
        }
        try (InputStream raw = new BufferedInputStream(source == null ? Files.newInputStream(file) : source, 1 << 16);
             InputStream in = open(raw)) {
            DataInputStream header = new DataInputStream(in);
            int magic;
            try {
                magic = header.readInt();
            } catch (EOFException e) {
                throw new IdxFormatException(file, "truncated header: the file is shorter than 4 bytes");
            }
            if ((magic >>> 16) != 0) {
                throw new IdxFormatException(file, String.format(
                        "not an IDX file (magic 0x%08X; an IDX %s file starts with 0x0000080%d)", magic, kind, expectedRank));
            }
            int type = (magic >>> 8) & 0xFF;
            int rank = magic & 0xFF;
            if (type != UNSIGNED_BYTE) {
                throw new IdxFormatException(file, String.format(
                        "unsupported IDX data type 0x%02X: only unsigned bytes (0x08) are supported", type));
            }
            if (rank != expectedRank) {
                throw new IdxFormatException(file, "unsupported rank " + rank + " for an " + kind
                        + " file (expected " + expectedRank + ")");
            }
            int[] dims = new int[rank];
            long total = 1;
            for (int d = 0; d < rank; d++) {
                try {
                    dims[d] = header.readInt();
                } catch (EOFException e) {
                    throw new IdxFormatException(file, "truncated header: dimension " + d + " is missing");
                }
                if (dims[d] <= 0) {
                    throw new IdxFormatException(file, "dimension " + d + " is " + Integer.toUnsignedLong(dims[d])
                            + (dims[d] == 0 ? "" : " (negative as a signed int)") + ": every dimension must be at least 1");
                }
                total *= dims[d];
                if (total > MAX_BYTES) {
                    throw new IdxFormatException(file, "header claims more than " + MAX_BYTES
                            + " bytes of data: the header is corrupt");
                }
            }
            // An uncompressed file's size is known: a claim it cannot hold fails before reading or allocating.
            long headerBytes = 4 + 4L * rank;
            if (fileSize >= 0 && in == raw && fileSize != headerBytes + total) {
                if (fileSize < headerBytes + total) throw truncated(file, (int) total, (int) (fileSize - headerBytes));
                throw new IdxFormatException(file, "trailing data after the " + total
                        + " bytes the header announces: the file is corrupt or not this format");
            }
            if (total > Limits.maxDataBytes()) {
                throw new IdxFormatException(file, "header announces " + total + " bytes of data, more than the limit of "
                        + Limits.maxDataBytes() + "; " + Limits.howToRaise(Limits.MAX_DATA_BYTES));
            }
            byte[] data = readExactly(file, in, (int) total);
            if (in.read() != -1) {
                throw new IdxFormatException(file, "trailing data after the " + total
                        + " bytes the header announces: the file is corrupt or not this format");
            }
            return body.make(dims, data);
        } catch (NoSuchFileException e) {
            throw new IdxFormatException(file, "file not found");
        } catch (ZipException e) {
            throw new IdxFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new IdxFormatException(file, "truncated gzip stream: " + e.getMessage(), e);
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IdxFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code size} bytes, growing the buffer as data actually arrives, so a header that
     * claims gigabytes in a small file fails as truncated instead of allocating the claim.
     */
    private static byte[] readExactly(Path file, InputStream in, int size) throws IOException {
        int chunk = 1 << 20;
        if (size <= chunk) {
            byte[] data = in.readNBytes(size);
            if (data.length < size) throw truncated(file, size, data.length);
            return data;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(chunk);
        byte[] piece = new byte[chunk];
        int got = 0;
        while (got < size) {
            int n = in.readNBytes(piece, 0, Math.min(chunk, size - got));
            if (n == 0) throw truncated(file, size, got);
            buffer.write(piece, 0, n);
            got += n;
        }
        return buffer.toByteArray();
    }

    private static IdxFormatException truncated(Path file, int expected, int got) {
        return new IdxFormatException(file, "truncated data: the header announces " + expected
                + " bytes but the file holds " + got);
    }

    /** {@code raw} itself, or a gzip stream over it when it starts with the gzip magic. */
    private static InputStream open(InputStream raw) throws IOException {
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return raw;
    }
}
