package dev.vecnn.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class CpuIdentityTest {
    private static final String ZEN5 = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\nmodel\t\t: 2\n"
            + "model name\t: AMD EPYC 9R45\nstepping\t: 1\n\nprocessor\t: 1\nvendor_id\t: AuthenticAMD\n";
    private static final String ZEN4 = "vendor_id\t: AuthenticAMD\ncpu family\t: 25\nmodel\t\t: 17\nmodel name\t: AMD EPYC 9R14\n";
    private static final String GRAVITON = "processor\t: 0\nBogoMIPS\t: 243.75\nCPU implementer\t: 0x41\n"
            + "CPU architecture: 8\nCPU variant\t: 0x1\nCPU part\t: 0xd40\n";

    @Test
    void x86KeysNameVendorFamilyModelWidthCoresAndJdk() {
        assertEquals("AuthenticAMD-f26-m2-512bit-2cpu-jdk25", CpuIdentity.parse(ZEN5, 512, 2, 25, "amd64").key());
    }

    @Test
    void twoCpusOfOneVectorWidthHaveDifferentKeys() {
        assertNotEquals(CpuIdentity.parse(ZEN5, 512, 2, 25, "amd64").key(), CpuIdentity.parse(ZEN4, 512, 2, 25, "amd64").key());
    }

    @Test
    void armKeysUseImplementerArchitectureAndPart() {
        assertEquals("0x41-f8-m0xd40-128bit-4cpu-jdk25", CpuIdentity.parse(GRAVITON, 128, 4, 25, "aarch64").key());
    }

    @Test
    void withoutCpuinfoTheArchitectureStandsIn() {
        assertEquals("aarch64-funknown-munknown-128bit-8cpu-jdk26", CpuIdentity.parse("", 128, 8, 26, "aarch64").key());
    }
}
