package dev.vecnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core's packages form layers, each importing only those before it: kernels know arrays, io knows
 * files, nn knows shapes and models, data knows datasets, train knows epochs, experiment knows the
 * catalogue, and the public api sits on top. A new package must be placed here.
 */
class LayeringTest {
    private static final List<String> LAYERS = List.of("kernel", "io", "nn", "data", "train", "experiment", "sweep", "hypothesis", "api");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.vecnn\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void everyPackageImportsOnlyTheLayersBeforeIt() throws IOException {
        Path root = Path.of("src/main/java/dev/vecnn");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String pkg = root.relativize(f).getName(0).toString();
                int layer = LAYERS.indexOf(pkg);
                if (layer < 0) {
                    violations.add(f + ": package '" + pkg + "' has no layer in LayeringTest");
                    continue;
                }
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    int imported = LAYERS.indexOf(m.group(1));
                    if (imported > layer) violations.add(f.getFileName() + " (" + pkg + ") imports " + m.group(1));
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }
}
