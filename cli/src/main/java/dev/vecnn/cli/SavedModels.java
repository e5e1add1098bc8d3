package dev.vecnn.cli;

import dev.vecnn.nn.ModelFile;
import dev.vecnn.io.ModelFileException;
import java.nio.file.Path;

/** Loads the model file a command was given, saying what to do when it cannot be used. */
final class SavedModels {
    private SavedModels() {}

    static ModelFile.Loaded load(Path file) throws ModelFileException {
        try {
            return ModelFile.load(file);
        } catch (ModelFileException e) {
            throw e.withAdvice("pass a model saved by 'vecnn train --save FILE'");
        }
    }
}
