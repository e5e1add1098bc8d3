package dev.vecnn.io;

import java.nio.file.Path;

/**
 * A model or checkpoint file that cannot be used: missing, unreadable, truncated, corrupted or
 * holding something else than expected. The message names the file and the problem.
 */
public final class ModelFileException extends java.io.IOException {
    public ModelFileException(String file, String problem) {
        super(file + ": " + problem);
    }

    public ModelFileException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    public ModelFileException(Path file, String problem) {
        this(file.toString(), problem);
    }

    private ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The same error with what to do about it appended (the caller knows what the file was for). */
    public ModelFileException withAdvice(String advice) {
        ModelFileException e = new ModelFileException(getMessage() + ": " + advice, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
