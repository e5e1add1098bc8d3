package dev.vecnn.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that is missing, unreadable or not what it claims to be. The message always names
 * the file and says what is wrong, so the CLI can print it as the one line a user sees.
 */
public final class IdxFormatException extends IOException {
    private final transient Path file;
    private final String problem;

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The same problem with what to do about it appended (the caller knows where the file came from). */
    public IdxFormatException withAdvice(String advice) {
        IdxFormatException e = new IdxFormatException(file, problem + ": " + advice, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    public Path file() {
        return file;
    }
}
