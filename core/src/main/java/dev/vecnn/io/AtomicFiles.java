package dev.vecnn.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file so readers see the old content or the whole new content, never a part. The new file
 * gets the permissions any program's new file gets here (the umask's), or those of the file it
 * replaces. The target must be absent or a regular file; {@link #checkWritable} says so before the
 * work that produces the content, so a long run does not end in an error with its result lost.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Every failure is an IOException whose message starts with {@code file}. */
    public static void write(Path file, byte[] content) throws IOException {
        checkTarget(file);
        Path target = file.toAbsolutePath();
        try {
            Path dir = target.getParent();
            if (dir != null) Files.createDirectories(dir);
            removeStaleSiblings(target);
            Path tmp = createSibling(target);
            try {
                Files.write(tmp, content);
                keepPermissions(target, tmp);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new IOException(file + ": cannot write (" + reason(e) + ")", e);
        }
    }

    /** What went wrong, in words: the JDK's messages for these are often only a path. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied: " + e.getMessage();
        if (e instanceof NoSuchFileException) return "no such file or folder: " + e.getMessage();
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    public static void writeString(Path file, String content) throws IOException {
        write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Throws an IOException naming {@code file} unless {@link #write} can write it: the target is absent
     * or a regular file (not a directory, device, FIFO or symbolic link) and its folder, or the nearest
     * existing folder above it (write creates the rest), is a writable folder.
     */
    public static void checkWritable(Path file) throws IOException {
        checkTarget(file);
        checkFolder(file, file.toAbsolutePath().getParent());
    }

    private static void checkTarget(Path file) throws IOException {
        BasicFileAttributes a = attributes(file.toAbsolutePath());
        if (a != null) {
            if (a.isSymbolicLink()) throw new IOException(file + ": is a symbolic link: pass the file it points to");
            if (a.isDirectory()) throw new IOException(file + ": is a directory: pass a file name");
            if (!a.isRegularFile()) throw new IOException(file + ": is not a regular file (a device, FIFO or socket): pass a file name");
        }
    }

    /** Throws an IOException naming {@code dir} unless it is a writable folder or can be created as one. */
    public static void checkWritableFolder(Path dir) throws IOException {
        BasicFileAttributes a = attributes(dir.toAbsolutePath());
        if (a != null && !a.isDirectory() && !(a.isSymbolicLink() && Files.isDirectory(dir))) {
            throw new IOException(dir + ": is not a folder: pass a folder name");
        }
        checkFolder(dir, dir.toAbsolutePath());
    }

    /**
     * The nearest existing folder must take a new file: tried by creating one, since permission bits
     * say nothing for root and nothing about read-only or pseudo file systems such as /proc.
     */
    private static void checkFolder(Path named, Path dir) throws IOException {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return;
        if (!Files.isDirectory(existing)) throw new IOException(named + ": " + existing + " is not a folder");
        Path probe = null;
        try {
            probe = Files.createTempFile(existing, ".vecnn-write-test-", ".tmp");
        } catch (IOException e) {
            throw new IOException(named + ": cannot write in folder " + existing + " (" + reason(e) + ")", e);
        } finally {
            if (probe != null) Files.deleteIfExists(probe);
        }
    }

    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            return null; // e.g. a parent that is a file (ENOTDIR): checkFolder names that
        }
    }

    /**
     * A save killed between creating its temporary file and the rename leaves {@code .NAME.PID-X.tmp}
     * behind; the next write to NAME removes those whose process is gone (and, older than an hour, those
     * of versions that named them {@code .NAME.X.tmp}). A minute's grace spares a live writer on
     * another machine sharing the folder, whose process id means nothing here.
     */
    static void removeStaleSiblings(Path target) {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) return;
        Pattern own = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\.(?:(\\d+)-)?[0-9a-z]+\\.tmp");
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir)) {
            for (Path p : siblings) {
                Matcher m = own.matcher(p.getFileName().toString());
                if (!m.matches()) continue;
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    long age = now - a.lastModifiedTime().toMillis();
                    boolean stale = m.group(1) != null
                            ? age > 60_000 && !ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false)
                            : age > 3_600_000;
                    if (stale && a.isRegularFile()) Files.deleteIfExists(p);
                } catch (IOException | NumberFormatException e) {
                    // another writer's file vanished or is not ours to judge: leave it
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // a folder we may write but not list: the tidying is skipped, the write goes on
        }
    }

    /**
     * A new empty file beside {@code target}, named after it and this process. Not Files.createTempFile: that makes the
     * file private to its owner (0600 on POSIX), so every model, CSV and report written through here
     * ended up unreadable to the group and others, unlike the PNG plots beside them.
     */
    private static Path createSibling(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-" + suffix + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) throw e;
            }
        }
    }

    /** A file that is replaced passes its permissions on (where the file system has POSIX permissions). */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (!Files.exists(target)) return;
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view == null) return;
        Files.setPosixFilePermissions(tmp, view.readAttributes().permissions());
    }
}
