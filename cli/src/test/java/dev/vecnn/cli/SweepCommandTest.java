package dev.vecnn.cli;

import dev.vecnn.data.TinyMnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.io.Json;
import dev.vecnn.io.Tensor;
import dev.vecnn.nn.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    @TempDir
    static Path dir;
    static Path data;

    /** Flags of a small, quick run on the tiny data set. */
    private static final String BASE = "\"validation\": 600, \"batch\": 32";

    @BeforeAll
    static void data() throws IOException {
        data = dir.resolve("data");
        TinyMnist.write(data, 3_000, 200);
    }

    private static Path spec(String name, String json) throws IOException {
        Path f = dir.resolve(name + ".json");
        Files.writeString(f, json);
        return f;
    }

    private static CliRun sweep(Path spec, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("sweep", spec.toString(), "--out", out.toString(), "--data", data.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<Map<?, ?>> records(Path out) throws IOException {
        List<Map<?, ?>> r = new java.util.ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("trials.jsonl"))) r.add((Map<?, ?>) Json.parse(l));
        return r;
    }

    @Test
    void aTrialTrainsTheSameModelAsTrainAloneBitForBit() throws IOException {
        Path s = spec("same", "{\"base\": {" + BASE + ", \"hidden\": \"16:tanh\", \"epochs\": 4, \"reduction\": \"mean\"}, \"grid\": {\"lr\": [0.1, 0.05]}}");
        Path out = dir.resolve("same-out");
        CliRun r = sweep(s, out);
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("| rank | trial | lr |"), r.out());
        Map<?, ?> trial = records(out).stream().filter(m -> ((Map<?, ?>) m.get("axes")).get("lr").equals("0.05")).findFirst().orElseThrow();
        Path alone = dir.resolve("alone.safetensors");
        CliRun train = CliRun.of("train", "--data", data.toString(), "--hidden", "16:tanh", "--epochs", "4", "--validation", "600",
                "--reduction", "mean", "--batch", "32", "--lr", "0.05", "--save", alone.toString());
        assertEquals(0, train.exit(), train.err());
        Map<String, Tensor> a = ModelFile.tensorsOf(ModelFile.load(alone).model());
        Map<String, Tensor> b = ModelFile.tensorsOf(ModelFile.load(out.resolve("models").resolve((String) trial.get("model"))).model());
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) assertArrayEquals(a.get(k).data(), b.get(k).data(), k);
        assertTrue(Files.isRegularFile(out.resolve("best.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve("summary.md")));
        assertTrue(Files.isRegularFile(out.resolve("best_val_accuracy-vs-lr.png")));
        assertTrue(trial.get("machine") instanceof String && trial.get("vector_bits") instanceof Number);
    }

    @Test
    void aRerunSkipsFinishedTrialsAndRunsOnlyWhatAKillCutShort() throws IOException {
        Path s = spec("resume", "{\"base\": {" + BASE + ", \"hidden\": \"16:tanh\", \"epochs\": 2, \"reduction\": \"mean\"}, \"grid\": {\"lr\": [0.1, 0.05, 0.02]}}");
        Path out = dir.resolve("resume-out");
        assertEquals(0, sweep(s, out).exit());
        List<String> lines = Files.readAllLines(out.resolve("trials.jsonl"));
        assertEquals(3, lines.size());
        // as after a kill -9 during the last trial's append: its line cut short
        Files.writeString(out.resolve("trials.jsonl"), String.join("\n", lines.subList(0, 2)) + "\n" + lines.get(2).substring(0, 40));
        CliRun again = sweep(s, out);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("torn line") && again.out().contains("2 of 3 trials already done"), again.out());
        List<Map<?, ?>> after = records(out);
        assertEquals(3, after.size(), "no trial written twice");
        assertEquals(3, after.stream().map(m -> m.get("hash")).distinct().count());
        CliRun third = sweep(s, out);
        assertTrue(third.out().contains("ran 0 trials (3 already done)"), third.out());
        assertEquals(3, Files.readAllLines(out.resolve("trials.jsonl")).size());
    }

    @Test
    void aDivergingTrialIsRecordedAndTheSweepGoesOn() throws IOException {
        Path s = spec("diverge", "{\"base\": {" + BASE + ", \"epochs\": 2, \"reduction\": \"sum\", \"hidden\": \"16:relu\"}, \"grid\": {\"lr\": [1e30, 0.01]}}");
        Path out = dir.resolve("diverge-out");
        CliRun r = sweep(s, out);
        assertEquals(0, r.exit(), r.err());
        List<Map<?, ?>> rec = records(out);
        assertEquals(2, rec.size());
        assertEquals(List.of("diverged", "completed"), rec.stream().sorted(java.util.Comparator.comparing(m -> ((Number) m.get("index")).intValue()))
                .map(m -> m.get("status")).toList());
    }

    @Test
    void earlyTerminationSavesEpochsAndDecidesTheSameEveryTime() throws IOException {
        String json = "{\"base\": {" + BASE + ", \"hidden\": \"16:tanh\", \"epochs\": 8, \"reduction\": \"mean\"}, \"grid\": {\"lr\": [0.2, 0.0005, 0.1, 0.0002, 0.05, 0.0001]}}";
        for (String rule : List.of("median", "halving")) {
            Path s = spec("early-" + rule, json);
            CliRun a = sweep(s, dir.resolve(rule + "-a"), "--early", rule);
            CliRun b = sweep(s, dir.resolve(rule + "-b"), "--early", rule, "--parallel", "1");
            assertEquals(0, a.exit(), a.err());
            assertEquals(0, b.exit(), b.err());
            assertTrue(a.out().contains("saved"), rule + ": " + a.out());
            Map<Object, Object> statusA = statuses(dir.resolve(rule + "-a")), statusB = statuses(dir.resolve(rule + "-b"));
            assertEquals(statusA, statusB, rule + ": the same trials pruned with 2 trials at once as with 1");
            assertTrue(statusA.values().stream().anyMatch(v -> v.toString().startsWith("pruned@")), rule + ": " + statusA);
        }
    }

    private static Map<Object, Object> statuses(Path out) throws IOException {
        Map<Object, Object> m = new java.util.TreeMap<>();
        for (Map<?, ?> r : records(out)) m.put(r.get("hash"), r.get("status") + "@" + r.get("epochs_run"));
        return m;
    }

    @Test
    void badSpecsAndOptionsAreOneLineAndWriteNothing() throws IOException {
        String[][] cases = {
                {"{\"grid\": {\"lrate\": [0.1]}}", "lrate"},
                {"{\"grid\": {\"lr\": []}}", "non-empty list"},
                {"{\"grid\": {\"lr\": [0.1]", "not valid JSON"},
                {"{\"grid\": {\"lr\": [-1]}}", "trial 0"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path s = spec("bad" + i, c[0]);
            Path out = dir.resolve("bad-out" + i++);
            CliRun r = sweep(s, out);
            assertEquals(2, r.exit(), c[0] + ": " + r.out());
            assertTrue(r.err().contains(s.toString()) && r.err().contains(c[1]), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out), "nothing written for " + c[0]);
        }
        Path ok = spec("ok", "{\"base\": {" + BASE + ", \"hidden\": \"16:tanh\", \"epochs\": 1}, \"grid\": {\"lr\": [0.1]}}");
        CliRun over = sweep(ok, dir.resolve("over"), "--parallel", "64", "--trial-threads", "2");
        assertEquals(2, over.exit());
        assertTrue(over.err().contains("processors"), over.err());
        Path noValidation = spec("noval", "{\"base\": {" + BASE + ", \"hidden\": \"16:tanh\", \"epochs\": 2}, \"grid\": {\"validation\": [200, 0]}}");
        CliRun blind = sweep(noValidation, dir.resolve("noval-out"), "--early", "median");
        assertEquals(2, blind.exit(), blind.out());
        assertTrue(blind.err().contains("trial 1") && blind.err().contains("no validation set"), blind.err());
        assertFalse(Files.exists(dir.resolve("noval-out")), "nothing written");
        CliRun missing = sweep(dir.resolve("no-such.json"), dir.resolve("missing"));
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no-such.json"), missing.err());
    }
}
