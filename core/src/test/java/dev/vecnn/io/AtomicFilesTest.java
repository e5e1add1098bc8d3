package dev.vecnn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void assumePosix() {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "no POSIX permissions here");
    }

    @Test
    void writesTheWholeContentAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("sub/dir/model.safetensors");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.writeString(f, "second");
        assertEquals("second", Files.readString(f));
        assertEquals(List.of("model.safetensors"), names(f.getParent()));
    }

    @Test
    void aNewFileGetsThePermissionsOfAnyNewFileHere() throws IOException {
        assumePosix();
        Path reference = Files.createFile(dir.resolve("reference"));
        Path f = dir.resolve("metrics.csv");
        AtomicFiles.writeString(f, "epoch,loss\n");
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(reference)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        assumePosix();
        Path f = dir.resolve("summary.csv");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.writeString(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("model.safetensors");
        Files.writeString(f, "old");
        Files.createDirectory(dir.resolve("blocker"));
        // the target is a non-empty directory: the rename must fail after the temporary file was written
        Path blocked = dir.resolve("blocker");
        Files.writeString(blocked.resolve("inside"), "x");
        assertThrows(IOException.class, () -> AtomicFiles.writeString(blocked, "new"));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("blocker", "model.safetensors"), names(dir));
    }

    @Test
    void checkWritableRefusesWhatWriteCannotReplace() throws IOException {
        AtomicFiles.checkWritable(dir.resolve("new.csv"));
        AtomicFiles.checkWritable(dir.resolve("not/yet/made/new.csv"));
        AtomicFiles.checkWritable(Files.writeString(dir.resolve("old.csv"), "x"));
        assertRefused(dir, dir + ": is a directory: pass a file name");
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertRefused(file.resolve("m.safetensors"), file.resolve("m.safetensors") + ": " + file + " is not a folder");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), dir.resolve("old.csv"));
        assertRefused(link, link + ": is a symbolic link: pass the file it points to");
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull), "no /dev/null here");
        assertRefused(devNull, "/dev/null: is not a regular file (a device, FIFO or socket): pass a file name");
        assertThrows(IOException.class, () -> AtomicFiles.writeString(devNull, "x"), "write checks too");
        assertEquals("x", Files.readString(dir.resolve("old.csv")), "the link's target is untouched");
        AtomicFiles.checkWritableFolder(dir.resolve("new-folder"));
        AtomicFiles.checkWritableFolder(dir);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.checkWritableFolder(file));
        assertEquals(file + ": is not a folder: pass a folder name", e.getMessage());
    }

    private static void assertRefused(Path target, String message) {
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(target));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aWriteRemovesTheTemporaryFilesOfKilledSavesToTheSameTarget() throws IOException {
        Path f = dir.resolve("model.safetensors");
        long deadPid = 999_999_999L; // above any pid_max
        Path dead = Files.writeString(dir.resolve(".model.safetensors." + deadPid + "-k2j4.tmp"), "half");
        Path legacy = Files.writeString(dir.resolve(".model.safetensors.3lq0x9.tmp"), "half");
        Path recentDead = Files.writeString(dir.resolve(".model.safetensors." + deadPid + "-aaaa.tmp"), "half");
        Path live = Files.writeString(dir.resolve(".model.safetensors." + ProcessHandle.current().pid() + "-zz.tmp"), "busy");
        Path other = Files.writeString(dir.resolve(".other.safetensors." + deadPid + "-k2j4.tmp"), "other");
        java.nio.file.attribute.FileTime twoHoursAgo = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000);
        for (Path p : List.of(dead, legacy, live, other)) Files.setLastModifiedTime(p, twoHoursAgo);
        AtomicFiles.writeString(f, "whole");
        assertEquals(List.of(live.getFileName().toString(), recentDead.getFileName().toString(),
                other.getFileName().toString(), "model.safetensors"), names(dir));
    }

    @Test
    void aFolderThatTakesNoNewFileIsFoundBeforeTheWrite() {
        // Permission bits cannot tell (root may write anywhere, /proc is not read-only): a file is tried.
        Path proc = Path.of("/proc/version");
        assumeTrue(Files.isRegularFile(proc), "no /proc here");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(proc));
        assertTrue(e.getMessage().startsWith("/proc/version: cannot write in folder /proc ("), e.getMessage());
        e = assertThrows(IOException.class, () -> AtomicFiles.writeString(proc, "x"));
        assertTrue(e.getMessage().startsWith("/proc/version: cannot write ("), e.getMessage());
    }
}
