package dev.vecnn.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that is missing, unreadable or not what it claims to be. The message always names
 * the file and says what is wrong, so the CLI can print it as the one line a user sees.
 */
public final class IdxFormatException extends IOException {
    private final transient Path file;

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    private IdxFormatException(String message, Path file, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The same problem with what to do about it appended (the caller knows where the file came from). */
    public IdxFormatException withAdvice(String advice) {
        IdxFormatException e = new IdxFormatException(getMessage() + ": " + advice, file, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    public Path file() {
        return file;
    }
}
