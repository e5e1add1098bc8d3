package dev.vecnn.cli;

import dev.vecnn.data.TinyMnist;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.nn.ModelFile;
import dev.vecnn.io.Safetensors;
import dev.vecnn.io.SafetensorsFile;
import dev.vecnn.io.Tensor;
import dev.vecnn.kernel.Activation;
import dev.vecnn.nn.LayerSpec;
import dev.vecnn.nn.Mlp;
import dev.vecnn.nn.ModelConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and damaged files for every reader, through the CLI as a user meets them. This suite runs
 * in its own surefire execution under -Xmx256m (cli/pom.xml): a reader that allocated what a header
 * merely claims would run out of memory here instead of passing. Each case checks the exact one-line
 * error, the exit code, and that no output or temporary file was left behind.
 */
@Tag("hostile")
class HostileFilesTest {
    private static final String DATA_ADVICE =
            ": replace it with an intact copy, or leave out --data to use the cache 'vecnn data fetch' fills and checks";
    private static final String MODEL_ADVICE = ": pass a model saved by 'vecnn train --save FILE'";
    private static final String DEVICE = "is not a regular file (a device, FIFO or socket)";

    @TempDir
    static Path root;
    static Path good;
    static Path model;
    static Path checkpoint;

    @BeforeAll
    static void goodFiles() throws IOException {
        // The suite proves nothing on a big heap: fail loudly if it is run outside its execution.
        assertTrue(Runtime.getRuntime().maxMemory() <= 256L << 20, "run under -Xmx256m (mvn verify does), not "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MB");
        good = root.resolve("good-data");
        TinyMnist.write(good, 100, 20);
        model = root.resolve("good.safetensors");
        ModelFile.save(model, Mlp.initialise(ModelConfig.softmax(784, 10, new LayerSpec(8, Activation.TANH)), 1),
                Map.of("vecnn.data.normalization", "scale01"));
        checkpoint = root.resolve("good.ckpt.safetensors");
        CliRun r = CliRun.of(trainArgs(good, "--epochs", "1", "--checkpoint", checkpoint.toString()));
        assertEquals(0, r.exit(), r.err());
    }

    /** A tiny momentum run on {@code data}, with {@code extra} flags appended. */
    private static String[] trainArgs(Path data, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--data", data.toString(), "--hidden", "8:tanh",
                "--validation", "20", "--batch", "20", "--lr", "0.1", "--momentum", "0.9", "--quiet"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    /** One hostile input: how to run the CLI on it (given the case's folder) and the error it must give. */
    private record Case(String name, Function<Path, String[]> args, String error, boolean prefixOnly) {}

    private static Case exact(String name, Function<Path, String[]> args, String error) {
        return new Case(name, args, error, false);
    }

    private static Case prefix(String name, Function<Path, String[]> args, String error) {
        return new Case(name, args, error, true);
    }

    /**
     * Runs each case in a fresh folder: exit 1, the exact line on stderr, and the folder's content
     * unchanged (no --save, --csv or --checkpoint output, no temporary file).
     */
    private static void check(String group, List<Case> cases) {
        List<Executable> checks = new ArrayList<>();
        for (Case c : cases) {
            checks.add(() -> {
                Path dir = Files.createDirectories(root.resolve(group + "-" + c.name().replaceAll("\\W+", "-")));
                String[] args = c.args().apply(dir);
                TreeSet<String> before = listing(dir);
                CliRun r = CliRun.of(args);
                String expected = "vecnn: error: " + c.error().replace("DIR", dir.toString());
                assertEquals(1, r.exit(), c.name() + ": " + r.err());
                assertEquals(1, r.err().strip().lines().count(), c.name() + ": " + r.err());
                if (c.prefixOnly()) assertTrue(r.err().startsWith(expected), c.name() + ": " + r.err());
                else assertEquals(expected, r.err().strip(), c.name());
                assertEquals(before, listing(dir), c.name() + ": nothing written");
            });
        }
        assertAll(group, checks);
    }

    private static TreeSet<String> listing(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            TreeSet<String> names = new TreeSet<>();
            s.forEach(p -> names.add(dir.relativize(p).toString()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- IDX data -------------------------------------------------------------------------------

    /** The good data folder with {@code name} replaced (by bytes, a link, a FIFO or a folder). */
    private static Path dataWith(Path dir, String name, Object replacement) {
        try {
            Path data = Files.createDirectories(dir.resolve("data"));
            for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                    "t10k-labels-idx1-ubyte"}) {
                if (!name.startsWith(f)) Files.copy(good.resolve(f), data.resolve(f));
            }
            place(data.resolve(name), replacement);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void place(Path file, Object replacement) throws IOException {
        switch (replacement) {
            case byte[] bytes -> Files.write(file, bytes);
            case Special s when s == Special.DEVICE_LINK -> Files.createSymbolicLink(file, Path.of("/dev/zero"));
            case Special s when s == Special.FIFO -> mkfifo(file);
            case Special s when s == Special.FOLDER -> Files.createDirectories(file);
            default -> throw new IllegalArgumentException(String.valueOf(replacement));
        }
    }

    private enum Special { DEVICE_LINK, FIFO, FOLDER }

    private static void mkfifo(Path file) throws IOException {
        try {
            Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
            assertEquals(0, p.waitFor(), "mkfifo " + file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** An IDX header (unsigned bytes, the given dimensions) followed by {@code dataBytes} zero bytes. */
    private static byte[] idx(int rank, int[] dims, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
        b.putInt(0x0800 | rank);
        for (int d : dims) b.putInt(d);
        return b.array();
    }

    private static byte[] gzip(byte[] head, long zeros) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            gz.write(head);
            byte[] block = new byte[1 << 16];
            for (long left = zeros; left > 0; left -= block.length) gz.write(block, 0, (int) Math.min(block.length, left));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Trains on a data folder with one file replaced, asking for every output. */
    private static Function<Path, String[]> trainOn(String name, Object replacement) {
        return dir -> trainArgs(dataWith(dir, name, replacement), "--save", dir.resolve("out/m.safetensors").toString(),
                "--csv", dir.resolve("out/m.csv").toString(), "--checkpoint", dir.resolve("out/c.safetensors").toString());
    }

    @Test
    void idxDataFiles() {
        String images = "DIR/data/train-images-idx3-ubyte: ";
        String labels = "DIR/data/train-labels-idx1-ubyte: ";
        check("idx", List.of(
            exact("header announcing 60000 images in a 100-byte file", trainOn("train-images-idx3-ubyte", idx(3, new int[] {60000, 28, 28}, 100)),
                    images + "truncated data: the header announces 47040000 bytes but the file holds 100" + DATA_ADVICE),
            exact("dimensions whose product overflows an int", trainOn("train-images-idx3-ubyte", idx(3, new int[] {65536, 65536, 1}, 0)),
                    images + "header claims more than 2147483639 bytes of data: the header is corrupt" + DATA_ADVICE),
            exact("dimensions whose product overflows a long", trainOn("train-images-idx3-ubyte",
                    idx(3, new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, 0)),
                    images + "header claims more than 2147483639 bytes of data: the header is corrupt" + DATA_ADVICE),
            exact("a dimension negative as a signed int", trainOn("train-images-idx3-ubyte", idx(3, new int[] {0x80000000, 28, 28}, 0)),
                    images + "dimension 0 is 2147483648 (negative as a signed int): every dimension must be at least 1" + DATA_ADVICE),
            exact("gzip announcing more than the data limit", trainOn("train-images-idx3-ubyte.gz", gzip(idx(3, new int[] {1_500_000, 28, 28}, 0), 0)),
                    "DIR/data/train-images-idx3-ubyte.gz: header announces 1176000000 bytes of data, more than the limit of 1000000000;"
                            + " raise it with VECNN_JAVA_OPTS=-Dvecnn.maxDataBytes=N if this is intended"),
            exact("gzip announcing 900 MB and holding 2 MB", trainOn("train-images-idx3-ubyte.gz",
                    gzip(idx(3, new int[] {1_000_000, 30, 30}, 0), 2 << 20)),
                    "DIR/data/train-images-idx3-ubyte.gz: truncated data: the header announces 900000000 bytes but the file holds 2097152" + DATA_ADVICE),
            exact("a truncated header", trainOn("train-images-idx3-ubyte", new byte[] {0, 0, 8, 3, 0, 0}),
                    images + "truncated header: dimension 0 is missing" + DATA_ADVICE),
            exact("trailing data", trainOn("train-labels-idx1-ubyte", idx(1, new int[] {100}, 101)),
                    labels + "trailing data after the 100 bytes the header announces: the file is corrupt or not this format" + DATA_ADVICE),
            exact("a label out of range", trainOn("train-labels-idx1-ubyte", labelsWith(100, 42, (byte) 200)),
                    labels + "label 200 at index 42 is outside 0-9" + DATA_ADVICE),
            exact("a symbolic link to /dev/zero", trainOn("train-images-idx3-ubyte", Special.DEVICE_LINK),
                    images + DEVICE + DATA_ADVICE),
            exact("a FIFO", trainOn("train-labels-idx1-ubyte", Special.FIFO), labels + DEVICE + DATA_ADVICE),
            exact("a folder", trainOn("train-images-idx3-ubyte", Special.FOLDER), images + "is a directory, not a file" + DATA_ADVICE)));
    }

    private static byte[] labelsWith(int n, int at, byte value) {
        byte[] b = idx(1, new int[] {n}, n);
        b[8 + at] = value;
        return b;
    }

    /**
     * A gzip file of 200 KB that holds 200 MB of pixels, within the data limit but not the heap: the
     * readers cannot refuse it from its header, so it must end as the one out-of-memory line.
     */
    @Test
    void aGzipBombWithinTheDataLimitButBeyondTheHeapIsOneLine() {
        check("bomb", List.of(prefix("200 MB of zeros in gzip", trainOn("train-images-idx3-ubyte.gz",
                gzip(idx(3, new int[] {255_000, 28, 28}, 0), 255_000L * 784)),
                "out of memory (Java heap space): the model or data is larger than this JVM's heap")));
    }

    // ---- safetensors model files ----------------------------------------------------------------

    /** The bytes of a safetensors file with this header text and {@code dataBytes} zero bytes of data. */
    private static byte[] safetensors(long headerLength, String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLength).put(h);
        return b.array();
    }

    private static byte[] safetensors(String header, int dataBytes) {
        return safetensors(header.getBytes(StandardCharsets.UTF_8).length, header, dataBytes);
    }

    /** The good model (or checkpoint) with metadata keys replaced and tensors changed. */
    private static byte[] edited(Path source, Map<String, String> metadata, String tensor, int index, float value) {
        try {
            SafetensorsFile f = Safetensors.read(source);
            Map<String, String> meta = new LinkedHashMap<>(f.metadata());
            meta.putAll(metadata);
            Map<String, Tensor> tensors = new LinkedHashMap<>(f.tensors());
            if (tensor != null) {
                Tensor t = tensors.get(tensor);
                float[] data = t.data().clone();
                data[index] = value;
                tensors.put(tensor, new Tensor(t.shape(), data));
            }
            return Safetensors.encode(tensors, meta);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] truncated(Path source, int cut) {
        try {
            byte[] b = Files.readAllBytes(source);
            return java.util.Arrays.copyOf(b, b.length - cut);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the hostile model (bytes, a link, a FIFO or a folder) as DIR/model.safetensors. */
    private static Path hostile(Path dir, Object replacement) {
        try {
            Path file = dir.resolve("model.safetensors");
            place(file, replacement);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Function<Path, String[]> eval(Object replacement) {
        return dir -> new String[] {"eval", hostile(dir, replacement).toString(), "--data", good.toString()};
    }

    private static final String F32 = "\"dtype\":\"F32\"";

    @Test
    void modelFiles() {
        String m = "DIR/model.safetensors: ";
        check("model", List.of(
            exact("header length 2^63-1", eval(safetensors(Long.MAX_VALUE, "{}", 0)),
                    m + "not a safetensors file (header length 9223372036854775807)" + MODEL_ADVICE),
            exact("header length negative as a signed long", eval(safetensors(-1, "{}", 0)),
                    m + "not a safetensors file (header length 18446744073709551615)" + MODEL_ADVICE),
            exact("header of 50 MB announced in a small file", eval(safetensors(50L << 20, "{}", 90)),
                    m + "truncated: header of 52428800 bytes, but only 92 bytes follow" + MODEL_ADVICE),
            exact("header beyond the header limit, present in full", eval(bigHeader()),
                    m + "header of 104857608 bytes is larger than the limit of 104857600; raise it with"
                            + " VECNN_JAVA_OPTS=-Dvecnn.maxHeaderBytes=N if this is intended"),
            exact("a shape whose product overflows", eval(safetensors("{\"w\":{" + F32 + ",\"shape\":[65536,65536,65536],\"data_offsets\":[0,8]}}", 8)),
                    m + "corrupted header: tensor 'w' is too large" + MODEL_ADVICE),
            exact("a dimension beyond an int", eval(safetensors("{\"w\":{" + F32 + ",\"shape\":[4294967296],\"data_offsets\":[0,8]}}", 8)),
                    m + "corrupted header: tensor 'w' has a bad dimension 4294967296" + MODEL_ADVICE),
            exact("data offsets claiming 2^63 bytes", eval(safetensors("{\"w\":{" + F32 + ",\"shape\":[2],\"data_offsets\":[0,9223372036854775807]}}", 8)),
                    m + "corrupted header: tensor 'w' has 9223372036854775807 data bytes for 2 floats" + MODEL_ADVICE),
            exact("metadata asking for 2 million hidden units", eval(edited(model, Map.of("vecnn.model.hidden", "2000000:tanh"), null, 0, 0)),
                    m + "model 784-2000000:tanh-10 softmax has 1590000010 parameters, more than the limit of 50000000;"
                            + " raise it with VECNN_JAVA_OPTS=-Dvecnn.maxParameters=N if this is intended"),
            exact("metadata asking for a width beyond an int", eval(edited(model, Map.of("vecnn.model.hidden", "99999999999:tanh"), null, 0, 0)),
                    m + "bad model configuration: hidden layer '99999999999:tanh': size 99999999999 is too large" + MODEL_ADVICE),
            exact("metadata asking for 5000 hidden layers", eval(edited(model, Map.of("vecnn.model.hidden", ("8:tanh,").repeat(4999) + "8:tanh"), null, 0, 0)),
                    m + "bad model configuration: configuration key 'vecnn.model.hidden' names 5000 layers, more than 1000" + MODEL_ADVICE),
            exact("an infinite weight", eval(edited(model, Map.of(), "layers.0.weight", 7, Float.NEGATIVE_INFINITY)),
                    m + "tensor 'layers.0.weight' holds -Infinity at index 7: the weights are not finite (a diverged run, or a damaged file)" + MODEL_ADVICE),
            exact("a NaN bias", eval(edited(model, Map.of(), "layers.1.bias", 3, Float.NaN)),
                    m + "tensor 'layers.1.bias' holds NaN at index 3: the weights are not finite (a diverged run, or a damaged file)" + MODEL_ADVICE),
            exact("non-finite input statistics", eval(edited(model, Map.of("vecnn.data.normalization", "zscore", "vecnn.data.std", "Infinity",
                    "vecnn.data.mean", "0.1"), null, 0, 0)),
                    m + "bad input metadata: vecnn.data.mean 0.1, vecnn.data.std Infinity are not finite"),
            prefix("a truncated file", eval(truncated(model, 10)), m + "truncated: tensor "),
            exact("a symbolic link to /dev/zero", eval(Special.DEVICE_LINK), m + DEVICE + MODEL_ADVICE),
            exact("a FIFO", eval(Special.FIFO), m + DEVICE + MODEL_ADVICE),
            exact("a folder", eval(Special.FOLDER), m + "is a directory, not a file" + MODEL_ADVICE),
            exact("/dev/zero itself", dir -> new String[] {"eval", "/dev/zero", "--data", good.toString()},
                    "/dev/zero: " + DEVICE + MODEL_ADVICE)));
    }

    /** A header just above the 100 MiB bound, whole in the file: refused by the limit, which can be raised. */
    private static byte[] bigHeader() {
        long length = (100L << 20) + 8;
        byte[] b = new byte[(int) (8 + length)];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(length);
        java.util.Arrays.fill(b, 8, b.length, (byte) ' ');
        b[8] = '{';
        b[b.length - 1] = '}';
        return b;
    }

    // ---- checkpoints ----------------------------------------------------------------------------

    private static Function<Path, String[]> resume(Object replacement) {
        return dir -> {
            Path file = hostile(dir, replacement);
            return trainArgs(good, "--epochs", "2", "--resume", file.toString(), "--save", dir.resolve("out/m.safetensors").toString(),
                    "--checkpoint", dir.resolve("out/c.safetensors").toString(), "--csv", dir.resolve("out/m.csv").toString());
        };
    }

    private static final String CK = "vecnn.checkpoint.";

    @Test
    void checkpointFiles() {
        String c = "DIR/model.safetensors: ";
        check("checkpoint", List.of(
            exact("header length 2^63-1", resume(safetensors(Long.MAX_VALUE, "{}", 0)), c + "not a safetensors file (header length 9223372036854775807)"),
            exact("a model instead of a checkpoint", resume(edited(model, Map.of(), null, 0, 0)),
                    c + "not a vecnn checkpoint (vecnn.format is vecnn-model-1); pass a file written with checkpoints enabled"),
            exact("an epoch that would wrap the loop", resume(edited(checkpoint, Map.of(CK + "epoch", "2147483647"), null, 0, 0)),
                    c + "bad checkpoint metadata: epoch 2147483647 is outside 0-1"),
            prefix("a NaN best validation loss", resume(edited(checkpoint, Map.of(CK + "best_val_loss", "NaN"), null, 0, 0)),
                    c + "bad checkpoint metadata: best validation loss NaN or elapsed seconds "),
            exact("an infinite elapsed time", resume(edited(checkpoint, Map.of(CK + "elapsed_seconds", "Infinity"), null, 0, 0)),
                    c + "bad checkpoint metadata: best validation loss Infinity or elapsed seconds Infinity is not a valid value"),
            exact("an infinite momentum", resume(edited(checkpoint, Map.of(), "momentum.layers.0.weight", 11, Float.POSITIVE_INFINITY)),
                    c + "tensor 'momentum.layers.0.weight' holds Infinity at index 11: the weights are not finite (a diverged run, or a damaged file)"),
            prefix("a metrics table without its header", resume(edited(checkpoint, Map.of(CK + "metrics_csv", "1,2,3\n"), null, 0, 0)),
                    c + "bad checkpoint metadata: metrics table does not start with the header 'epoch,train_loss,"),
            exact("a width beyond the parameter limit", resume(edited(checkpoint, Map.of("vecnn.model.hidden", "2000000:tanh"), null, 0, 0)),
                    c + "model 784-2000000:tanh-10 softmax has 1590000010 parameters, more than the limit of 50000000;"
                            + " raise it with VECNN_JAVA_OPTS=-Dvecnn.maxParameters=N if this is intended"),
            prefix("a truncated file", resume(truncated(checkpoint, 3)), c + "truncated: tensor "),
            exact("a symbolic link to /dev/zero", resume(Special.DEVICE_LINK), c + DEVICE),
            exact("a FIFO", resume(Special.FIFO), c + DEVICE),
            exact("a folder", resume(Special.FOLDER), c + "is a directory, not a file")));
    }

    // ---- images for predict ---------------------------------------------------------------------

    private static Function<Path, String[]> predict(String name, Object replacement) {
        return dir -> {
            try {
                Path image = dir.resolve(name);
                place(image, replacement);
                return new String[] {"predict", model.toString(), image.toString(), "--save-preprocessed", dir.resolve("out").toString()};
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** A PNG signature and IHDR chunk (with its CRC) declaring the size, then nothing or a cut IDAT. */
    private static byte[] png(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        b.putInt(1000).put("IDAT".getBytes(StandardCharsets.US_ASCII)).putInt(0x78da0000);
        return b.array();
    }

    /** A JPEG start of image, a baseline frame header declaring the size and a scan header, and no data. */
    private static byte[] jpeg(int width, int height) {
        return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 11, 8, (byte) (height >> 8), (byte) height,
            (byte) (width >> 8), (byte) width, 1, 1, 0x11, 0,
            (byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0, (byte) 0xFF, (byte) 0xD9};
    }

    /** A BMP file header and info header declaring the size, with no pixels. */
    private static byte[] bmp(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54).putInt(0).putInt(54);
        b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.array();
    }

    @Test
    void imagesForPredict() {
        String limit = " pixels is larger than the limit of 50000000 pixels: scale it down, or raise it with"
                + " VECNN_JAVA_OPTS=-Dvecnn.maxImagePixels=N if this is intended";
        check("image", List.of(
            exact("a PNG declaring 100000 x 100000 pixels", predict("big.png", png(100_000, 100_000)),
                    "DIR/big.png: image of 100000 x 100000" + limit),
            exact("a PNG whose pixel count overflows an int", predict("huge.png", png(Integer.MAX_VALUE, Integer.MAX_VALUE)),
                    "DIR/huge.png: image of 2147483647 x 2147483647" + limit),
            exact("a JPEG declaring 60000 x 60000 pixels", predict("big.jpg", jpeg(60_000, 60_000)),
                    "DIR/big.jpg: image of 60000 x 60000" + limit),
            exact("a BMP declaring 30000 x 30000 pixels but holding none", predict("big.bmp", bmp(30_000, 30_000)),
                    "DIR/big.bmp: cannot read the image: Invalid width/height for BI_RGB image data."),
            prefix("a PNG cut short", predict("cut.png", png(64, 64)), "DIR/cut.png: cannot read the image: "),
            exact("text named .png", predict("text.png", "not an image\n".getBytes(StandardCharsets.US_ASCII)),
                    "DIR/text.png: not an image format Java can read (use PNG, JPEG, GIF or BMP)"),
            exact("a symbolic link to /dev/zero", predict("zero.png", Special.DEVICE_LINK), "DIR/zero.png: " + DEVICE),
            exact("a FIFO", predict("fifo.png", Special.FIFO), "DIR/fifo.png: " + DEVICE),
            exact("a folder", predict("folder.png", Special.FOLDER), "DIR/folder.png: is a directory, not a file")));
    }
}
