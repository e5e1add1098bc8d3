package dev.vecnn.sweep;

/** A sweep spec that cannot be run: the message names the file and what to change. */
public final class SweepSpecException extends IllegalArgumentException {
    public SweepSpecException(String message) {
        super(message);
    }
}
