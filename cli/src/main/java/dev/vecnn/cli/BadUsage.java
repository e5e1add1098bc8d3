package dev.vecnn.cli;

import java.util.function.Supplier;

/** A flag whose value cannot be used (a negative rate, an unknown preset): one line and exit code 2. */
final class BadUsage extends RuntimeException {
    BadUsage(String message) {
        super(message);
    }

    private BadUsage(IllegalArgumentException cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * Runs the parsing of flag values; the IllegalArgumentException the core classes throw for a bad
     * value becomes bad usage. Only for parsing: the same exception later means something else failed.
     */
    static <T> T check(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new BadUsage(e);
        }
    }
}
