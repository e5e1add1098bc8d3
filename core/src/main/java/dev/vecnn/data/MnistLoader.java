package dev.vecnn.data;

import dev.vecnn.kernel.PixelDecode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads an MNIST-shaped dataset from a folder holding the four standard IDX file names, each raw
 * or gzip-compressed ({@code name} or {@code name.gz}). Pixels become floats in [0, 1] (when asked for: see Mnist).
 *
 * <p>A raw file with exactly the MNIST release's size is taken to be MNIST and must match its
 * SHA-256, so a corrupted cached copy is refused rather than silently trained on. Other files
 * (compressed copies, other IDX datasets of the same layout) are checked structurally only.
 */
public final class MnistLoader {
    public static final int CLASSES = 10;

    private MnistLoader() {}

    /**
     * Training and test sets as loaded, before any split or normalisation. The pixels stay bytes until
     * a set is asked for in floats (then kept), and {@link #selectTrain} makes chosen training rows
     * straight from the bytes: a run that trains on a split never holds the whole training set in
     * floats (188 MB of fresh pages, each costly the first time it is written).
     */
    public static final class Mnist {
        private final IdxReader.Images trainImages;
        private final int[] trainLabels;
        private final IdxReader.Images testImages;
        private final int[] testLabels;
        private Dataset train;
        private Dataset test;

        Mnist(IdxReader.Images trainImages, int[] trainLabels, IdxReader.Images testImages, int[] testLabels) {
            this.trainImages = trainImages;
            this.trainLabels = trainLabels;
            this.testImages = testImages;
            this.testLabels = testLabels;
        }

        /** The training images (60,000 for MNIST), pixels in [0, 1]. */
        public synchronized Dataset train() {
            if (train == null) train = toDataset("train", trainImages, trainLabels);
            return train;
        }

        /** The test images (10,000 for MNIST), pixels in [0, 1]. */
        public synchronized Dataset test() {
            if (test == null) test = toDataset("test", testImages, testLabels);
            return test;
        }

        /**
         * CRC-32C of the four files' content as loaded (sizes, pixels and labels): a resumed run checks
         * that it trains on the same data. Not a defence against forgery, and a few milliseconds.
         */
        public String checksum() {
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            for (IdxReader.Images images : new IdxReader.Images[] {trainImages, testImages}) {
                crc.update(java.nio.ByteBuffer.allocate(12).putInt(images.count()).putInt(images.rows()).putInt(images.cols()).flip());
                crc.update(images.pixels());
            }
            for (int[] labels : new int[][] {trainLabels, testLabels}) {
                byte[] bytes = new byte[labels.length];
                for (int i = 0; i < labels.length; i++) bytes[i] = (byte) labels[i];
                crc.update(bytes);
            }
            return String.format(java.util.Locale.ROOT, "%08x", crc.getValue());
        }

        public int trainRows() { return trainImages.count(); }
        public int imageRows() { return trainImages.rows(); }
        public int imageCols() { return trainImages.cols(); }

        /** Training rows {@code indices}, in that order: the same values as {@code train().select(name, indices)}. */
        public Dataset selectTrain(String name, int[] indices) {
            int f = trainImages.pixelsPerImage();
            byte[] pixels = trainImages.pixels();
            int values = Math.multiplyExact(indices.length, f);
            float[] x = Dataset.newValues(values);
            int to = Dataset.valuesStart(x, values);
            int[] labels = new int[indices.length];
            byte[] rowPixels = new byte[values];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(pixels, indices[i] * f, rowPixels, i * f, f);
                labels[i] = trainLabels[indices[i]];
            }
            PixelDecode.decode(rowPixels, 0, x, to, values);
            return new Dataset(name, x, indices.length, f, labels, CLASSES, rowPixels);
        }

        /** The images' pixels stay with the dataset (nothing writes them), so passes may stream them instead of the floats. */
        private static Dataset toDataset(String name, IdxReader.Images images, int[] labels) {
            byte[] pixels = images.pixels();
            float[] x = Dataset.newValues(pixels.length);
            PixelDecode.decode(pixels, 0, x, Dataset.valuesStart(x, pixels.length), pixels.length);
            return new Dataset(name, x, images.count(), images.pixelsPerImage(), labels, CLASSES, pixels);
        }
    }

    public static Mnist load(Path dir) throws IdxFormatException {
        if (!Files.isDirectory(dir)) {
            throw new IdxFormatException(dir, "data folder not found: run 'vecnn data fetch', or pass --data DIR"
                    + " with the four MNIST IDX files");
        }
        Loaded train = loadPair(dir, MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS);
        Loaded test = loadPair(dir, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS);
        IdxReader.Images a = train.images, b = test.images;
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IdxFormatException(locate(dir, MnistFile.TEST_IMAGES), "test images are "
                    + b.rows() + "x" + b.cols() + " but training images are " + a.rows() + "x" + a.cols());
        }
        return new Mnist(train.images, train.labels, test.images, test.labels);
    }

    private record Loaded(IdxReader.Images images, int[] labels) {}

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

    private static Loaded loadPair(Path dir, MnistFile imagesFile, MnistFile labelsFile)
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
        return new Loaded(images, labels);
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
