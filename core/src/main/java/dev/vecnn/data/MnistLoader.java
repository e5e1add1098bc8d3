package dev.vecnn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads an MNIST-shaped dataset from a folder holding the four standard IDX file names, each raw
 * or gzip-compressed ({@code name} or {@code name.gz}). Pixels become floats in [0, 1].
 *
 * <p>A raw file with exactly the MNIST release's size is taken to be MNIST and must match its
 * SHA-256, so a corrupted cached copy is refused rather than silently trained on. Other files
 * (compressed copies, other IDX datasets of the same layout) are checked structurally only.
 */
public final class MnistLoader {
    public static final int CLASSES = 10;

    private MnistLoader() {}

    /** Training and test sets as loaded, before any split or normalisation. */
    public record Mnist(Dataset train, Dataset test, int imageRows, int imageCols) {}

    public static Mnist load(Path dir) throws IdxFormatException {
        if (!Files.isDirectory(dir)) {
            throw new IdxFormatException(dir, "data folder not found: run 'vecnn data fetch', or pass --data DIR"
                    + " with the four MNIST IDX files");
        }
        Loaded train = loadPair(dir, MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS, "train");
        Loaded test = loadPair(dir, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS, "test");
        if (train.rows != test.rows || train.cols != test.cols) {
            throw new IdxFormatException(locate(dir, MnistFile.TEST_IMAGES), "test images are "
                    + test.rows + "x" + test.cols + " but training images are " + train.rows + "x" + train.cols);
        }
        return new Mnist(train.data, test.data, train.rows, train.cols);
    }

    private record Loaded(Dataset data, int rows, int cols) {}

    /** The path of {@code file} in {@code dir}: the raw name if present, else {@code name.gz}. */
    public static Path locate(Path dir, MnistFile file) {
        Path raw = dir.resolve(file.fileName());
        Path gz = dir.resolve(file.fileName() + ".gz");
        return Files.exists(raw) || !Files.exists(gz) ? raw : gz;
    }

    /** True when all four files are present in {@code dir} (raw or .gz). */
    public static boolean present(Path dir) {
        for (MnistFile f : MnistFile.values()) {
            if (!Files.exists(locate(dir, f))) return false;
        }
        return true;
    }

    private static Loaded loadPair(Path dir, MnistFile imagesFile, MnistFile labelsFile, String name)
            throws IdxFormatException {
        Path imagesPath = locate(dir, imagesFile);
        Path labelsPath = locate(dir, labelsFile);
        verifyIfMnist(imagesPath, imagesFile);
        verifyIfMnist(labelsPath, labelsFile);
        IdxReader.Images images = IdxReader.readImages(imagesPath);
        int[] labels = IdxReader.readLabels(labelsPath, CLASSES);
        if (images.count() != labels.length) {
            throw new IdxFormatException(labelsPath, labels.length + " labels for " + images.count()
                    + " images in " + imagesPath.getFileName() + ": the two files do not belong together");
        }
        byte[] pixels = images.pixels();
        float[] x = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            x[i] = (pixels[i] & 0xFF) / 255f;
        }
        return new Loaded(new Dataset(name, x, images.count(), images.pixelsPerImage(), labels, CLASSES),
                images.rows(), images.cols());
    }

    static void verifyIfMnist(Path path, MnistFile file) throws IdxFormatException {
        try {
            if (!Files.exists(path) || Files.size(path) != file.mnistSize()) return;
            String actual = Sha256.of(path);
            if (!actual.equals(file.mnistSha256())) {
                throw new IdxFormatException(path, "SHA-256 " + actual + " does not match the MNIST release ("
                        + file.mnistSha256() + "): the file is corrupted; delete it and run 'vecnn data fetch'");
            }
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IdxFormatException(path, "cannot read: " + e.getMessage(), e);
        }
    }
}
