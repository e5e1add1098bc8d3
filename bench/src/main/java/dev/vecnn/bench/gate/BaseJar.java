package dev.vecnn.bench.gate;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Builds the benchmark jar of a base commit: the base's vecnn (core) measured by the candidate's
 * benchmark module, so both arms run the same benchmark code and only the library differs. The
 * build happens in a temporary {@code git worktree} and the jar is cached under
 * {@code bench/target/gate-base/}, keyed by the base commit and a hash of the candidate's benchmark
 * sources. When the candidate's benchmarks do not compile against the base (an API changed), the
 * base's own benchmark module is used instead and the report says so.
 */
final class BaseJar {
    /** A built jar and which benchmark code it carries. */
    record Built(Path jar, String harness) {}

    static final String SUITE_CLASS = "dev/vecnn/bench/gate/GateSuite.class";
    private static final long BUILD_TIMEOUT_MINUTES = 15;

    private final Git git;
    private final Path root;
    private final PrintStream log;

    BaseJar(Git git, Path root, PrintStream log) {
        this.git = git;
        this.root = root;
        this.log = log;
    }

    Built build(BaseRef base) throws IOException, BaseRef.Unavailable {
        String key = base.commit().substring(0, 12) + "-" + benchHash().substring(0, 12);
        Path cacheDir = root.resolve("bench/target/gate-base");
        Path overlaid = cacheDir.resolve(key + ".jar"), own = cacheDir.resolve(base.commit().substring(0, 12) + "-own.jar");
        if (Files.isRegularFile(overlaid)) return new Built(overlaid, "this checkout's benchmarks over the base's vecnn (cached)");
        if (Files.isRegularFile(own)) return new Built(own, "the base's own benchmarks (cached)");
        Files.createDirectories(cacheDir);
        Path tree = cacheDir.resolve("worktree-" + key);
        deleteTree(tree);
        git.run("worktree", "prune");
        Git.Result add = git.run("worktree", "add", "--detach", tree.toString(), base.commit());
        if (!add.ok()) throw new IOException("git worktree add failed: " + firstLine(add.out()));
        try {
            log.println("gate: building the base " + base.commit().substring(0, 12) + " in " + tree + " ...");
            overlayBench(tree);
            Path buildLog = cacheDir.resolve(key + "-build.log");
            if (maven(tree, buildLog) && hasSuite(tree.resolve("bench/target/benchmarks.jar"))) {
                moveInto(tree.resolve("bench/target/benchmarks.jar"), overlaid);
                return new Built(overlaid, "this checkout's benchmarks over the base's vecnn");
            }
            log.println("gate: this checkout's benchmarks do not build against the base (log: " + buildLog
                    + "); trying the base's own benchmark module");
            Git.Result restore = new Git(tree).run("checkout", "--", "bench");
            new Git(tree).run("clean", "-fdq", "bench");
            if (!restore.ok()) throw new IOException("cannot restore the base's bench/: " + firstLine(restore.out()));
            Path ownLog = cacheDir.resolve(base.commit().substring(0, 12) + "-own-build.log");
            if (!maven(tree, ownLog)) {
                throw new IOException("the base " + base.commit().substring(0, 12) + " does not build; the log is in " + ownLog);
            }
            if (!hasSuite(tree.resolve("bench/target/benchmarks.jar"))) {
                throw new BaseRef.Unavailable("the base " + base.commit().substring(0, 12)
                        + " has no GateSuite benchmarks and this checkout's do not build against it");
            }
            moveInto(tree.resolve("bench/target/benchmarks.jar"), own);
            return new Built(own, "the base's own benchmarks");
        } finally {
            git.run("worktree", "remove", "--force", tree.toString());
            deleteTree(tree);
            git.run("worktree", "prune");
        }
    }

    /** SHA-256 over this checkout's benchmark module sources (paths and contents, in path order). */
    String benchHash() throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path bench = root.resolve("bench");
        List<Path> files;
        try (Stream<Path> s = Files.walk(bench.resolve("src/main"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : Stream.concat(Stream.of(bench.resolve("pom.xml")), files.stream()).toList()) {
            md.update(bench.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Files.readAllBytes(f));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private void overlayBench(Path tree) throws IOException {
        Path target = tree.resolve("bench");
        deleteTree(target.resolve("src"));
        Files.createDirectories(target);
        Files.copy(root.resolve("bench/pom.xml"), target.resolve("pom.xml"), StandardCopyOption.REPLACE_EXISTING);
        Path from = root.resolve("bench/src/main");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path to = target.resolve("src/main").resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Packages core and bench in {@code tree}, tests skipped; false when the build fails. */
    private boolean maven(Path tree, Path buildLog) throws IOException {
        Process p = new ProcessBuilder("mvn", "-B", "-q", "-ntp", "-Dmaven.test.skip=true", "-pl", "bench", "-am", "package")
                .directory(tree.toFile()).redirectErrorStream(true).redirectOutput(buildLog.toFile()).start();
        try {
            if (!p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("building the base took over " + BUILD_TIMEOUT_MINUTES + " minutes; the log is in " + buildLog);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building the base");
        }
        return p.exitValue() == 0 && Files.isRegularFile(tree.resolve("bench/target/benchmarks.jar"));
    }

    static boolean hasSuite(Path jar) {
        if (!Files.isRegularFile(jar)) return false;
        try (ZipFile z = new ZipFile(jar.toFile())) {
            return z.getEntry(SUITE_CLASS) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Copies beside the destination, then renames: a cut-short build never leaves a half jar in the cache. */
    private static void moveInto(Path jar, Path dest) throws IOException {
        Path tmp = dest.resolveSibling(dest.getFileName() + ".tmp");
        try (InputStream in = Files.newInputStream(jar)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }
}
