package dev.vecnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsRawAndGzipFolders() throws IOException {
        Path raw = Files.createDirectory(dir.resolve("raw"));
        Path gz = Files.createDirectory(dir.resolve("gz"));
        IdxFiles.writeTinyDataset(raw, false);
        IdxFiles.writeTinyDataset(gz, true);
        MnistLoader.Mnist a = MnistLoader.load(raw);
        MnistLoader.Mnist b = MnistLoader.load(gz);
        assertEquals(20, a.train().rows());
        assertEquals(10, a.test().rows());
        assertEquals(16, a.train().features());
        assertEquals(4, a.imageRows());
        assertArrayEquals(a.train().values(), b.train().values());
        assertArrayEquals(a.test().labels(), b.test().labels());
        for (float v : a.train().values()) assertTrue(v >= 0f && v <= 1f);
        for (Dataset d : new Dataset[] {a.train(), a.test()}) {
            float[] values = d.values();
            for (int i = 0; i < values.length; i++) {
                assertEquals(Float.floatToRawIntBits(dev.vecnn.kernel.PixelDecodeReference.value(d.pixels()[i])),
                        Float.floatToRawIntBits(values[i]), d.name() + " value " + i + " is its pixel decoded");
            }
        }
    }

    @Test
    void trainingRowsMadeFromTheBytesEqualTheSelectedFloatRows() throws IOException {
        IdxFiles.writeTinyDataset(dir, false);
        MnistLoader.Mnist m = MnistLoader.load(dir);
        int[] rows = {19, 0, 7, 7, 3};
        Dataset direct = m.selectTrain("picked", rows);
        Dataset selected = m.train().select("picked", rows);
        assertArrayEquals(selected.values(), direct.values(), 0f);
        assertArrayEquals(selected.labels(), direct.labels());
        assertArrayEquals(selected.pixels(), direct.pixels(), "both keep the rows' pixels");
        assertEquals(m.train().rows(), m.trainRows());
        assertTrue(m.train() == m.train(), "the float set is made once");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        IdxFiles.writeTinyDataset(dir, false);
        IdxFiles.write(dir, MnistFile.TEST_LABELS.fileName(), IdxFiles.labels(1, 2, 3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistLoader.load(dir));
        assertTrue(e.getMessage().contains("3 labels for 10 images"), e.getMessage());
    }

    @Test
    void missingFolderAndMissingFileAreNamed() throws IOException {
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistLoader.load(dir.resolve("absent")));
        assertTrue(e.getMessage().contains("vecnn data fetch"));
        IdxFiles.writeTinyDataset(dir, false);
        Files.delete(dir.resolve(MnistFile.TRAIN_LABELS.fileName()));
        e = assertThrows(IdxFormatException.class, () -> MnistLoader.load(dir));
        assertTrue(e.getMessage().contains(MnistFile.TRAIN_LABELS.fileName()) && e.getMessage().contains("not found"));
    }

    @Test
    void aFileOfMnistSizeWithTheWrongChecksumIsRefused() throws IOException {
        IdxFiles.writeTinyDataset(dir, false);
        // A well-formed label file exactly as large as the MNIST training labels, but not them:
        // this is what a one-byte corruption of the cached file looks like to the loader.
        int[] labels = new int[60_000];
        for (int i = 0; i < labels.length; i++) labels[i] = i % 10;
        Path p = IdxFiles.write(dir, MnistFile.TRAIN_LABELS.fileName(), IdxFiles.labels(labels));
        assertEquals(MnistFile.TRAIN_LABELS.mnistSize(), Files.size(p));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistLoader.load(dir));
        assertTrue(e.getMessage().contains("does not match the MNIST release"), e.getMessage());
        assertTrue(e.getMessage().contains("vecnn data fetch"), e.getMessage());
    }
}
