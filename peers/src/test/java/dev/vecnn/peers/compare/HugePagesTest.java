package dev.vecnn.peers.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HugePagesTest {

    @Test
    void everyPeerAsksForHugePagesOnlyWhereTheKernelOffersThem() {
        for (String on : new String[] {"always [madvise] never\n", "[always] madvise never\n"}) {
            HugePages h = HugePages.of(on);
            assertEquals(List.of("-XX:+UseTransparentHugePages"), h.jvmFlags(), on);
            assertEquals(Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1"), h.pythonEnv(), on);
        }
        HugePages off = HugePages.of("always madvise [never]\n");
        assertTrue(off.jvmFlags().isEmpty());
        assertTrue(off.pythonEnv().isEmpty());
        assertTrue(off.describe().startsWith("4 KiB"));
    }
}
