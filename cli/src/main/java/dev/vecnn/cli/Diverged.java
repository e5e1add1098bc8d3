package dev.vecnn.cli;

/** A training run whose loss became NaN or infinite: its model is not saved, and vecnn exits with 3. */
final class Diverged extends RuntimeException {
    static final int EXIT_CODE = 3;

    Diverged(String message) {
        super(message);
    }
}
