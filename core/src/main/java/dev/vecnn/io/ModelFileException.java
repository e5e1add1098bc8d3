package dev.vecnn.io;

import java.nio.file.Path;

/**
 * A model or checkpoint file that cannot be used: missing, unreadable, truncated, corrupted or
 * holding something else than expected. The message names the file and the problem.
 */
public final class ModelFileException extends java.io.IOException {
    /** The message already says what to do (raise a limit, say): {@link #withAdvice} adds nothing. */
    private final boolean advised;

    public ModelFileException(String file, String problem) {
        super(file + ": " + problem);
        advised = false;
    }

    /** {@code problem} ends with what to do about it. */
    public static ModelFileException advised(String file, String problem) {
        return new ModelFileException(file + ": " + problem, null, true);
    }

    public ModelFileException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        advised = false;
    }

    public ModelFileException(Path file, String problem) {
        this(file.toString(), problem);
    }

    private ModelFileException(String message, Throwable cause, boolean advised) {
        super(message, cause);
        this.advised = advised;
    }

    /** The same error with what to do about it appended (the caller knows what the file was for). */
    public ModelFileException withAdvice(String advice) {
        if (advised) return this;
        ModelFileException e = new ModelFileException(getMessage() + ": " + advice, getCause(), true);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
