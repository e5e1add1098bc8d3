package dev.vecnn.io;

/**
 * Thrown by {@link Json#parse} for any text that is not valid JSON within the parser's limits.
 * It is the only exception the parser throws, whatever the input.
 */
public final class JsonException extends RuntimeException {
    private final int position;

    public JsonException(String message, int position) {
        super(message + " at character " + position);
        this.position = position;
    }

    /** Offset in the text where the problem was found. */
    public int position() {
        return position;
    }
}
