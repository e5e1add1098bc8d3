package dev.vecnn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What every reader asks of a path before opening it: that it is a regular file (a symbolic link to
 * one is fine). A device such as /dev/zero never ends and a FIFO blocks, so neither may be read
 * whole into memory.
 */
public final class InputFiles {
    private InputFiles() {}

    /** Why {@code file} cannot be read as data, or null when it is a regular file. */
    public static String problem(Path file) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return "no such file";
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
        return problem(a);
    }

    /** Why a file with these attributes cannot be read as data, or null when it can. */
    public static String problem(BasicFileAttributes a) {
        if (a.isRegularFile()) return null;
        if (a.isDirectory()) return "is a directory, not a file";
        return "is not a regular file (a device, FIFO or socket)";
    }
}
