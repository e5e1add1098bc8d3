package dev.vecnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuningTest {
    @Test
    void whatChangesTheBitsFollowsTheVectorWidthOnly() {
        Tuning zen4 = Tuning.defaults(16, 1 << 20), smallL2 = Tuning.defaults(16, 256 << 10), unknown = Tuning.defaults(16, 0);
        assertEquals(zen4.resultFields(), smallL2.resultFields());
        assertEquals(zen4.resultFields(), unknown.resultFields());
        assertNotEquals(zen4.resultFields(), Tuning.defaults(8, 1 << 20).resultFields());
        assertEquals(8, zen4.tileRows());
        assertEquals(6, Tuning.defaults(8, 1 << 20).tileRows());
        assertEquals(256, zen4.kc());
        assertEquals(128, Tuning.defaults(8, 0).kc());
    }

    @Test
    void theRowBlockFollowsL2AndStaysAWholeTile() {
        assertEquals(192, Tuning.defaults(16, 1 << 20).mc(), "1 MiB of L2 holds the default block");
        assertEquals(128, Tuning.defaults(16, 256 << 10).mc(), "half of 256 KiB is 128 rows of 256 floats");
        assertEquals(192, Tuning.defaults(16, 0).mc(), "unknown L2: the default");
        assertEquals(8, Tuning.defaults(16, 1).mc(), "never below one tile");
        int mc6 = Tuning.defaults(8, 256 << 10).mc();
        assertEquals(0, mc6 % 6);
    }

    @Test
    void systemPropertiesOverrideAndAreCheckedWithTheirName() {
        Tuning base = Tuning.defaults(16, 1 << 20);
        Tuning t = Tuning.withOverrides(base, Map.of("vecnn.gemm.kc", "128", "vecnn.gemm.mc", "100", "vecnn.train.chunkRows", "1024")::get);
        assertEquals(128, t.kc());
        assertEquals(104, t.mc(), "rounded up to whole tiles");
        assertEquals(1024, t.chunkRows());
        assertEquals(base.nc(), t.nc());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tuning.withOverrides(base, Map.of("vecnn.gemm.kc", "lots")::get));
        assertTrue(e.getMessage().contains("vecnn.gemm.kc"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tuning.withOverrides(base, Map.of("vecnn.gemm.mr", "7")::get));
        assertTrue(e.getMessage().contains("8 or 6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tuning.withOverrides(base, Map.of("vecnn.train.chunkRows", "0")::get));
    }

    @Test
    void metadataNamesEveryField() {
        Map<String, String> m = Tuning.defaults(16, 1 << 20).toMetadata();
        assertEquals(Tuning.class.getRecordComponents().length, m.size());
        assertEquals("256", m.get("vecnn.tuning.kc"));
        assertEquals("1024", m.get("vecnn.tuning.chunkRows"));
    }

    @Test
    void theActiveTuningMatchesTheBlockingConstants() {
        assertEquals(Blocking.MR, Tuning.ACTIVE.tileRows());
        assertEquals(Blocking.KC, Tuning.ACTIVE.kc());
        assertEquals(Blocking.LANES, Tuning.ACTIVE.lanes());
    }

    @Test
    void cacheSizesParseSysfsAndAmdCpuinfo(@TempDir Path dir) throws IOException {
        for (String[] idx : new String[][] {{"index0", "1", "Data", "48K"}, {"index1", "1", "Instruction", "32K"},
                {"index2", "2", "Unified", "1024K"}}) {
            Path d = Files.createDirectories(dir.resolve(idx[0]));
            Files.writeString(d.resolve("level"), idx[1] + "\n");
            Files.writeString(d.resolve("type"), idx[2] + "\n");
            Files.writeString(d.resolve("size"), idx[3] + "\n");
        }
        assertEquals(1 << 20, CacheSizes.fromSysfs(dir));
        assertEquals(0, CacheSizes.fromSysfs(dir.resolve("missing")));
        assertEquals(1 << 20, CacheSizes.fromCpuinfo(List.of("vendor_id\t: AuthenticAMD", "cache size\t: 1024 KB")));
        assertEquals(0, CacheSizes.fromCpuinfo(List.of("vendor_id\t: GenuineIntel", "cache size\t: 30720 KB")),
                "Intel's cpuinfo cache size is the last-level cache");
        assertEquals(0, CacheSizes.parseSize("lots"));
        assertEquals(2L << 20, CacheSizes.parseSize("2M"));
    }
}
