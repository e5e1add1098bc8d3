package dev.vecnn.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhSummaryTest {
    private static String run(String method, String model, String weights, double[] samples, double bytes) {
        return """
                {"benchmark": "dev.vecnn.bench.layout.LayoutBenchmark.%s", "mode": "thrpt",
                 "params": {"model": "%s", "weights": "%s"},
                 "primaryMetric": {"score": 1.0, "scoreError": "NaN", "scoreUnit": "ops/s", "rawData": [[1.0, 1.0, 1.0]]},
                 "secondaryMetrics": {
                   "samples": {"score": 0, "scoreError": "NaN", "scoreUnit": "ops/s", "rawData": [[%s, %s, %s]]},
                   "gc.alloc.rate.norm": {"score": %s, "scoreError": 0, "scoreUnit": "B/op", "rawData": [[%s, %s, %s]]}}}
                """.formatted(method, model, weights, samples[0], samples[1], samples[2], bytes, bytes, bytes, bytes);
    }

    private static final String JSON = "[" + String.join(",",
            run("step", "784-1@10000", "in-out", new double[] {100, 300, 200}, 0),
            run("step", "784-1@10000", "out-in", new double[] {250, 260, 240}, 0),
            run("step", "784-128-10@128", "in-out", new double[] {50, 60, 55}, 16),
            run("step", "784-128-10@128", "out-in", new double[] {40, 45, 50}, 16),
            run("forward", "784-1@10000", "in-out", new double[] {9, 9, 9}, 0)) + "]";

    @Test
    void groupsByMethodAndShapeAndPicksTheFastestMedian() {
        Map<String, List<JmhSummary.Group>> g = JmhSummary.groupsByClass(JmhResults.parse(JSON));
        List<JmhSummary.Group> groups = g.get("LayoutBenchmark");
        assertEquals(3, groups.size());
        assertEquals("weights=out-in", groups.get(0).winner().variant()); // median 250 beats 200
        assertEquals("weights=in-out", groups.get(1).winner().variant()); // 55 beats 45
        assertEquals(200, groups.get(0).rows().get(0).median());
        assertEquals("samples/s", groups.get(0).rows().get(0).unit());
    }

    @Test
    void markdownMarksWinnersAndRatios() {
        String md = JmhSummary.markdown(JmhResults.parse(JSON));
        assertTrue(md.contains("### LayoutBenchmark"), md);
        assertTrue(md.contains("| step | model=784-1@10000 | **weights=out-in** | **250 (240-260)** | winner | 0 |"), md);
        assertTrue(md.contains("| step | model=784-1@10000 | weights=in-out | 200 (100-300) | 0.80x | 0 |"), md);
        assertTrue(md.contains("samples/s"), md);
    }

    @Test
    void writesAPngChart(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Files.writeString(json, JSON);
        JmhSummary.main(new String[] {json.toString(), "--md", dir.resolve("r.md").toString(), "--png-dir", dir.toString()});
        byte[] png = Files.readAllBytes(dir.resolve("LayoutBenchmark.png"));
        assertTrue(png.length > 1000);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(Files.readString(dir.resolve("r.md")).contains("winner"));
    }
}
