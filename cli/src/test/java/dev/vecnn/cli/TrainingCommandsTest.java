package dev.vecnn.cli;

import dev.vecnn.data.TinyMnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCommandsTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() throws IOException {
        data = dir.resolve("data");
        TinyMnist.write(data, 12_600, 200);
    }

    /** A small custom run; {@code overrides} (pairs or flags) replace the defaults of the same name. */
    private static CliRun train(String... overrides) {
        java.util.LinkedHashMap<String, String> opts = new java.util.LinkedHashMap<>();
        String[] base = {"--data", data.toString(), "--hidden", "16:tanh", "--epochs", "4", "--validation", "600",
                "--lr", "0.1", "--reduction", "mean", "--batch", "32"};
        for (int i = 0; i < base.length; i += 2) opts.put(base[i], base[i + 1]);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train"));
        for (int i = 0; i < overrides.length; i++) {
            String o = overrides[i];
            if (o.contains("=")) args.add(o);
            else opts.put(o, overrides[++i]);
        }
        opts.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void trainPrintsEpochsAndASummaryAndSavesModelAndCsv() throws IOException {
        Path model = dir.resolve("m.safetensors");
        Path csv = dir.resolve("m.csv");
        CliRun r = train("--save", model.toString(), "--csv", csv.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("epoch 4/4"), r.out());
        assertTrue(r.out().matches("(?s).*result: test accuracy (9\\d|100)\\.\\d\\d% .*completed 4 epochs.*samples/s.*"), r.out());
        assertTrue(Files.size(model) > 784 * 16 * 4);
        assertEquals(5, Files.readAllLines(csv).size(), "header and four epochs");

        CliRun eval = CliRun.of("eval", model.toString(), "--data", data.toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("true\\pred"), eval.out());
        assertTrue(eval.out().matches("(?s).*test accuracy (9\\d|100)\\.\\d\\d% \\(200 images.*"), eval.out());
        assertTrue(eval.out().matches("(?s).*R\\^2 of predicted against true digit labels (0\\.9\\d{3}|1\\.0000) .*"), eval.out());

        Path png = dir.resolve("digit.png");
        BufferedImage img = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 60, 40);
        g.setColor(Color.BLACK);
        g.fillRect(10, 15, 40, 6);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
        CliRun predict = CliRun.of("predict", model.toString(), png.toString(), "--top", "2");
        assertEquals(0, predict.exit(), predict.err());
        assertTrue(predict.out().matches("(?s).*digit\\.png: \\d  \\(\\d: \\d+\\.\\d%, \\d: \\d+\\.\\d%\\).*"), predict.out());
    }

    @Test
    void sameSeedSameNumbersOnOneOrTwoThreads() {
        CliRun one = train("--threads", "1");
        CliRun two = train("--threads", "2");
        assertEquals(0, two.exit(), two.err());
        assertEquals(0, one.exit(), one.err());
        assertEquals(result(one.out()).replaceAll("wall .*", ""), result(two.out()).replaceAll("wall .*", ""));
    }

    private static String result(String out) {
        return out.lines().filter(l -> l.startsWith("result:")).findFirst().orElse("");
    }

    @Test
    void badInputsAreOneLineErrors() throws IOException {
        CliRun preset = CliRun.of("train", "--preset", "no-such", "--data", data.toString());
        assertEquals(2, preset.exit());
        assertTrue(preset.err().contains("unknown preset 'no-such'"), preset.err());
        Path corrupt = Files.write(dir.resolve("bad.safetensors"), new byte[] {1, 2, 3});
        CliRun eval = CliRun.of("eval", corrupt.toString(), "--data", data.toString());
        assertEquals(1, eval.exit());
        assertEquals(1, eval.err().strip().lines().count(), eval.err());
        assertTrue(eval.err().contains("bad.safetensors"), eval.err());
        assertTrue(eval.err().contains("pass a model saved by 'vecnn train --save FILE'"), eval.err());
        CliRun lr = train("--momentum=-1");
        assertEquals(2, lr.exit());
        assertTrue(lr.err().contains("momentum must be in [0, 1)"), lr.err());
    }

    @Test
    void divergenceIsReportedWithExitThreeAndNoModel() {
        Path model = dir.resolve("diverged.safetensors");
        CliRun r = train("--hidden", "16:relu", "--lr", "1e30", "--reduction", "sum", "--save", model.toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.out().contains("diverged at epoch"), r.out());
        assertFalse(r.out().contains("NaN"), r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().matches("vecnn: error: training diverged at epoch \\d+ \\(the loss became NaN or infinite\\); "
                + java.util.regex.Pattern.quote(model.toString()) + " was not written: try a lower --lr\\s*"), r.err());
        assertFalse(Files.exists(model), "a diverged run saves no model");
    }

    @Test
    void hostileModelFilesAreOneLineErrorsWithoutAllocating() throws IOException {
        Path good = dir.resolve("small.safetensors");
        dev.vecnn.nn.ModelFile.save(good, dev.vecnn.nn.Mlp.initialise(dev.vecnn.nn.ModelConfig.softmax(784, 10,
                new dev.vecnn.nn.LayerSpec(16, dev.vecnn.kernel.Activation.TANH)), 1), java.util.Map.of("vecnn.data.normalization", "scale01"));
        dev.vecnn.io.SafetensorsFile read = dev.vecnn.io.Safetensors.read(good);
        java.util.Map<String, String> wideMeta = new java.util.LinkedHashMap<>(read.metadata());
        wideMeta.put("vecnn.model.hidden", "2000000:tanh");
        Path wide = dir.resolve("wide.safetensors");
        dev.vecnn.io.Safetensors.write(wide, read.tensors(), wideMeta);
        java.util.Map<String, dev.vecnn.io.Tensor> nanTensors = new java.util.LinkedHashMap<>(read.tensors());
        float[] w = nanTensors.get("layers.1.weight").data().clone();
        w[5] = Float.POSITIVE_INFINITY;
        nanTensors.put("layers.1.weight", new dev.vecnn.io.Tensor(new int[] {16, 10}, w));
        Path inf = dir.resolve("inf.safetensors");
        dev.vecnn.io.Safetensors.write(inf, nanTensors, read.metadata());
        java.util.Map<String, String> nanMean = new java.util.LinkedHashMap<>(read.metadata());
        nanMean.put("vecnn.data.mean", "NaN");
        Path stats = dir.resolve("stats.safetensors");
        dev.vecnn.io.Safetensors.write(stats, read.tensors(), nanMean);
        String[][] cases = {
            {wide.toString(), wide + ": model 784-2000000:tanh-10 softmax has 1590000010 parameters, more than the limit of"
                    + " 50000000; raise it with VECNN_JAVA_OPTS=-Dvecnn.maxParameters=N if this is intended"},
            {inf.toString(), inf + ": tensor 'layers.1.weight' holds Infinity at index 5: the weights are not finite"
                    + " (a diverged run, or a damaged file): pass a model saved by 'vecnn train --save FILE'"},
            {stats.toString(), stats + ": bad input metadata: vecnn.data.mean NaN, vecnn.data.std 1.0 are not finite"},
            {dir.toString(), dir + ": is a directory, not a file: pass a model saved by 'vecnn train --save FILE'"},
            {"/dev/zero", "/dev/zero: is not a regular file (a device, FIFO or socket): pass a model saved by 'vecnn train --save FILE'"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("eval", c[0], "--data", data.toString());
            assertEquals(1, r.exit(), r.err());
            assertEquals("vecnn: error: " + c[1], r.err().strip());
        }
    }

    @Test
    void runningOutOfMemoryWithinRaisedLimitsIsOneLine() {
        // 784 x 1,000,000 weights are 3.1 GB, more than the tests' -Xmx2g, once the parameter limit is raised.
        String old = System.getProperty(dev.vecnn.io.Limits.MAX_PARAMETERS);
        try {
            System.setProperty(dev.vecnn.io.Limits.MAX_PARAMETERS, "2000000000");
            CliRun r = train("--hidden", "1000000:tanh", "--epochs", "1");
            assertEquals(1, r.exit(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("vecnn: error: out of memory (Java heap space): the model or data is larger than"
                    + " this JVM's heap; give it more with VECNN_JAVA_OPTS=-Xmx8g"), r.err());
        } finally {
            if (old == null) System.clearProperty(dev.vecnn.io.Limits.MAX_PARAMETERS);
            else System.setProperty(dev.vecnn.io.Limits.MAX_PARAMETERS, old);
        }
    }

    @Test
    void resumeRefusesAnyChangeToWhatShapedTheRunNamingIt() throws IOException {
        Path ckpt = dir.resolve("run.ckpt.safetensors");
        CliRun first = train("--epochs", "2", "--checkpoint", ckpt.toString());
        assertEquals(0, first.exit(), first.err());
        String[][] changes = {
            {"--validation", "1200", "vecnn.run.data.validation_rows is 600 in the checkpoint and 1200 in this run"},
            {"--split-seed", "7", "vecnn.run.data.split_seed is 1 in the checkpoint and 7 in this run"},
            {"--normalization", "scale01", "vecnn.run.data.normalization is zscore in the checkpoint and scale01 in this run"},
            {"--lr", "0.05", "vecnn.train.learning_rate is 0.1 in the checkpoint and 0.05 in this run"},
            {"--seed", "9", "vecnn.train.seed is 1 in the checkpoint and 9 in this run"},
        };
        for (String[] c : changes) {
            CliRun r = train("--epochs", "3", "--resume", ckpt.toString(), c[0], c[1]);
            assertEquals(1, r.exit(), c[0] + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("vecnn: error: " + ckpt + ": the checkpoint was written with ")
                    && r.err().contains(c[2]), c[0] + ": " + r.err());
        }
        // The same flags on other data (the test set differs): refused by the data's checksum.
        Path otherData = dir.resolve("other-data");
        TinyMnist.write(otherData, 12_600, 100);
        CliRun moved = train("--epochs", "3", "--resume", ckpt.toString(), "--data", otherData.toString());
        assertEquals(1, moved.exit(), moved.err());
        assertTrue(moved.err().contains("vecnn.run.data.crc32c is "), moved.err());
        CliRun resumed = train("--epochs", "3", "--resume", ckpt.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("resuming from " + ckpt + " at epoch 2"), resumed.out());
    }

    @Test
    void outputsThatCannotBeWrittenAreRefusedBeforeTheFirstEpoch() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        String[][] cases = {
            {"--save", folder.toString(), folder + ": is a directory: pass a file name"},
            {"--csv", "/dev/null", "/dev/null: is not a regular file"},
            {"--checkpoint", file.resolve("c.safetensors").toString(), file + " is not a folder"},
        };
        for (String[] c : cases) {
            CliRun r = train(c[0], c[1]);
            assertEquals(1, r.exit(), c[0] + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("vecnn: error: ") && r.err().contains(c[2]), c[0] + ": " + r.err());
            assertFalse(r.out().contains("epoch"), "refused before training: " + r.out());
        }
        CliRun r = CliRun.of("reproduce", "--only", "softmax-regression", "--data", data.toString(), "--out", file.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains(file + ": is not a folder"), r.err());
    }

    @Test
    void badFlagValuesAreBadUsageCheckedBeforeAnyWork() {
        // The data folder does not exist: each value is refused before the data is looked for.
        String absent = dir.resolve("absent").toString();
        String[][] cases = {
            {"--lr=-0.1", "learning rate must be positive, got -0.1"},
            {"--batch=0", "--batch must be at least 1, got 0"},
            {"--epochs=0", "epochs must be at least 1, got 0"},
            {"--threads=0", "--threads must be between 1 and 1024, got 0"},
            {"--threads=10000", "--threads must be between 1 and 1024, got 10000"},
            {"--hidden=0:tanh", "hidden layer size must be at least 1, got 0"},
            {"--hidden=16:nope", "nope"},
            {"--preset=nope", "unknown preset 'nope'"},
            {"--hidden=2000000000:tanh", "parameters, more than the limit of 50000000"},
            {"--hidden=99999999999:tanh", "hidden layer '99999999999:tanh': size 99999999999 is too large"},
            {"--checkpoint-every=0", "--checkpoint-every must be at least 1, got 0"},
            {"--validation=-1", "validation size must be >= 0, got -1"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("train", "--data", absent, c[0]);
            assertEquals(2, r.exit(), c[0] + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("vecnn: error: ") && r.err().contains(c[1]), c[0] + ": " + r.err());
        }
        CliRun validation = train("--validation", "12600");
        assertEquals(2, validation.exit(), validation.err());
        assertTrue(validation.err().contains("--validation must be below the 12600 training images, got 12600"), validation.err());
        assertEquals(2, CliRun.of("eval", "m.safetensors", "--threads", "0").exit());
        assertEquals(2, CliRun.of("gradcheck", "--eps", "0", "--data", absent).exit());
        assertEquals(2, CliRun.of("gradcheck", "--preset", "ovr-lr0.01", "--data", absent).exit());
        assertEquals(2, CliRun.of("reproduce", "--only", "nope", "--data", absent, "--out", absent).exit());
        assertEquals(2, CliRun.of("reproduce", "--seeds", "0", "--data", absent, "--out", absent).exit());
        assertEquals(2, CliRun.of("reproduce", "--hypotheses", "--quick", "--data", absent, "--out", absent).exit());
        CliRun none = CliRun.of("reproduce", "--hypotheses", "--only", "gradcheck", "--data", absent, "--out", absent);
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("has no hypotheses"), none.err());
    }

    @Test
    void hypothesesWriteATablePerClaimWithEveryVariantAndTheMeasurements() throws IOException {
        Path out = dir.resolve("hyp");
        CliRun r = CliRun.of("reproduce", "--hypotheses", "--only", "softmax-regression", "--data", data.toString(),
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        String md = Files.readString(out.resolve("README.md"));
        assertTrue(md.contains("| [softmax-regression-accuracy](#softmax-regression-accuracy) | softmax-regression |"), md);
        assertTrue(md.contains("## softmax-regression-stop"), md);
        for (String v : new String[] {"| faithful |", "| C1 |", "| C3 |", "| C5 |", "| C6 |", "| C7 |"}) assertTrue(md.contains(v), v + "\n" + md);
        assertTrue(md.contains("`./vecnn train --preset softmax-regression --batch 1`"), md);
        assertTrue(Files.exists(out.resolve("softmax-regression-validation.png")));
        String csv = Files.readString(out.resolve("measurements.csv"));
        assertTrue(csv.contains("softmax-regression,C3,--stop-on accuracy,stop_epoch,"), csv);
    }

    @Test
    void reproduceWritesTableCsvAndPlots() throws IOException {
        Path out = dir.resolve("repro");
        CliRun r = CliRun.of("reproduce", "--only", "gradcheck,softmax-regression", "--data", data.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        String md = Files.readString(out.resolve("README.md"));
        assertTrue(md.contains("| softmax-regression | seed 004 |"), md);
        assertTrue(md.contains("Wall time of the whole reproduction"), md);
        assertTrue(Files.exists(out.resolve("softmax-regression-accuracy.png")));
        assertTrue(Files.exists(out.resolve("softmax-regression.csv")));
        assertTrue(Files.readString(out.resolve("summary.csv")).contains("gradcheck,"));
    }

    @Test
    void reproduceReportsTheSpreadOverSeeds() throws IOException {
        Path out = dir.resolve("seeds");
        CliRun r = CliRun.of("reproduce", "--only", "softmax-regression", "--seeds", "2", "--data", data.toString(),
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("seed 2: result: test accuracy"), r.out());
        assertTrue(Files.readString(out.resolve("README.md")).contains("Over 2 seeds: mean"));
    }

    @Test
    void presetsListsTheCatalogue() {
        CliRun r = CliRun.of("presets");
        assertEquals(0, r.exit());
        for (String name : new String[] {"ovr-lr0.01", "mlp32-relu-lr0.005", "softmax-regression", "tanh-momentum", "sigmoid-l2", "gradcheck", "three-layer", "best"}) {
            assertTrue(r.out().contains(name), name);
        }
    }
}
