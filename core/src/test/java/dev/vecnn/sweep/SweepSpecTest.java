package dev.vecnn.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepSpecTest {
    @Test
    void aGridExpandsInOrderWithTheLastAxisFastest() {
        SweepSpec s = SweepSpec.parse("""
                {"name": "g", "base": {"preset": "tanh", "epochs": 3},
                 "grid": {"hidden": ["16:tanh", "16:relu"], "lr": [0.1, 0.01, 1e-3]}}""", "g.json");
        List<Trial> t = s.trials();
        assertEquals(6, t.size());
        assertEquals(Map.of("hidden", "16:tanh", "lr", "0.1"), t.get(0).axes());
        assertEquals(Map.of("hidden", "16:tanh", "lr", "0.01"), t.get(1).axes());
        assertEquals(Map.of("hidden", "16:relu", "lr", "0.001"), t.get(5).axes());
        assertEquals("3", t.get(5).flags().get("epochs"));
        assertEquals(0.001f, t.get(5).trainFlags().resolve().config().learningRate());
        assertEquals(6, t.stream().map(Trial::hash).distinct().count(), "every trial its own hash");
        assertEquals("best_val_accuracy", s.metric());
    }

    @Test
    void aCompoundAxisSetsSeveralFlagsUnderOneLabel() {
        SweepSpec s = SweepSpec.parse("""
                {"base": {"preset": "sigmoid"}, "grid": {"penalty": [{"l1": 0, "l2": 0}, {"l1": 1e-4}, {"l2": 1e-4}]}}""", "p.json");
        List<Trial> t = s.trials();
        assertEquals(List.of("l1=0 l2=0", "l1=0.0001", "l2=0.0001"), t.stream().map(x -> x.axes().get("penalty")).toList());
        assertEquals(1e-4f, t.get(1).trainFlags().resolve().config().l1());
        assertEquals(0f, t.get(1).trainFlags().resolve().config().l2());
        assertEquals("p", s.name(), "named after the file without one");
    }

    @Test
    void randomDrawsAreReproducibleFromTheSeedAndInRange() {
        String text = """
                {"base": {"preset": "tanh"}, "grid": {"batch": [32, 64]},
                 "random": {"count": 5, "seed": 42, "lr": {"log-uniform": [1e-4, 1e-1]}, "momentum": {"uniform": [0, 0.9]},
                            "init": {"choice": ["xavier", "he"]}, "epochs": {"int-uniform": [2, 4]}}}""";
        List<Trial> a = SweepSpec.parse(text, "r.json").trials(), b = SweepSpec.parse(text, "r.json").trials();
        assertEquals(10, a.size());
        assertEquals(a, b);
        for (Trial t : a) {
            float lr = Float.parseFloat(t.axes().get("lr"));
            assertTrue(lr >= 1e-4f && lr <= 1e-1f, "lr " + lr);
            float m = Float.parseFloat(t.axes().get("momentum"));
            assertTrue(m >= 0 && m <= 0.9f);
            assertTrue(List.of("xavier", "he").contains(t.axes().get("init")));
            int e = Integer.parseInt(t.axes().get("epochs"));
            assertTrue(e >= 2 && e <= 4);
        }
        List<Trial> other = SweepSpec.parse(text.replace("\"seed\": 42", "\"seed\": 43"), "r.json").trials();
        assertNotEquals(a.get(0).axes().get("lr"), other.get(0).axes().get("lr"), "another seed, other draws");
    }

    @Test
    void theHashNamesTheSettingsNotTheirOrderOrIndex() {
        Trial x = Trial.of(0, Map.of("lr", "0.1", "preset", "tanh"), Map.of());
        Trial y = Trial.of(7, new java.util.LinkedHashMap<>(Map.of("preset", "tanh", "lr", "0.1")), Map.of("lr", "0.1"));
        assertEquals(x.hash(), y.hash());
        assertEquals("./vecnn train --lr 0.1 --preset tanh", x.command());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"grid": {"lr": []}}                                    | grid axis 'lr' must be a non-empty list
            {"grid": {"learning_rate": [0.1]}}                      | 'learning_rate' is not a flag of vecnn train
            {"base": {"lrate": 0.1}}                                | unknown setting 'lrate'
            {"grid": {"lr": [0.1]}, "extra": 1}                     | unknown key 'extra'
            {"grid": {"lr": ["fast"]}}                              | lr must be a number, got 'fast'
            {"grid": {"batch": [0]}}                                | --batch must be at least 1
            {"base": {"preset": "nope"}}                            | nope
            {"random": {"count": 0, "lr": {"uniform": [0, 1]}}}     | random 'count' must be a whole number from 1
            {"random": {"lr": {"log-uniform": [0, 1]}}}             | low > 0
            {"random": {"lr": {"gauss": [0, 1]}}}                   | unknown distribution 'gauss'
            {"grid": {"lr": [0.1]}, "random": {"lr": {"uniform": [0, 1]}}} | set by both a grid and a random axis
            {"metric": "speed"}                                     | unknown metric 'speed'
            [1, 2]                                                  | must be a JSON object
            {"grid": {"lr": [0.1, 0.1]}}                            | lists a value twice
            {"grid": {"lr": [0.1]                                   | not valid JSON
            """)
    void aBadSpecIsOneMessageNamingTheFile(String text, String expected) {
        SweepSpecException e = assertThrows(SweepSpecException.class, () -> SweepSpec.parse(text, "bad.json"));
        assertTrue(e.getMessage().startsWith("bad.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void theCommittedSpecsParse() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertEquals(18, SweepSpec.read(root.resolve("sweeps/seed004-activation-penalty.json")).trials().size());
        assertEquals(6, SweepSpec.read(root.resolve("sweeps/seed000-learning-rate.json")).trials().size());
        assertTrue(Files.isRegularFile(root.resolve("sweeps/seed004-activation-penalty.json")));
    }
}
