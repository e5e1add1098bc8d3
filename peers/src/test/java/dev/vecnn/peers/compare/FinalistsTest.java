package dev.vecnn.peers.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sweep's two fastest settings both run in the rounds, and the report shows the one whose median
 * over the rounds is higher, whichever the sweep ranked first; its ratio uses that median.
 */
class FinalistsTest {
    private static final PeerSettings.Setting AS_INSTALLED = PeerSettings.setting("omp 1, blas 1, core as installed");
    private static final PeerSettings.Setting SKYLAKEX = PeerSettings.setting("omp 1, blas 1, core SkylakeX");
    private static final PeerSettings.Setting HASWELL = PeerSettings.setting("omp 1, blas 1, core Haswell");

    @Test
    void theSweepKeepsItsTwoFastestAndOtherCasesTakeTheirProxys() {
        PeerSettings s = new PeerSettings();
        s.keep("torch", "tanh", 1, List.of(AS_INSTALLED, SKYLAKEX, HASWELL));
        assertEquals(List.of(AS_INSTALLED, SKYLAKEX), s.finalistsFor("torch", "tanh", 1));
        assertEquals(AS_INSTALLED, s.bestFor("torch", "tanh", 1));
        assertTrue(s.kept("torch", "tanh", 1, SKYLAKEX.label()));
        assertFalse(s.kept("torch", "tanh", 1, HASWELL.label()));
        assertEquals(s.finalistsFor("torch", "tanh", 1), s.finalistsFor("torch", "softmax", 1), "softmax takes tanh's");
        assertEquals(List.of(PeerSettings.defaultSetting("numpy", 2)), s.finalistsFor("numpy", "tanh", 2), "nothing swept");
    }

    @Test
    void theReportShowsTheFinalistWithTheFasterMedianOverTheRounds() {
        PeerSettings s = new PeerSettings();
        s.keep("torch", "tanh", 1, List.of(AS_INSTALLED, SKYLAKEX));
        List<Run> runs = new ArrayList<>();
        double[] vecnn = {300e3, 310e3, 290e3}, installed = {137e3, 181e3, 135e3}, skylakex = {182e3, 180e3, 190e3};
        for (int round = 1; round <= 3; round++) {
            runs.add(run(round, "vecnn", "KernelPool 1", vecnn[round - 1]));
            runs.add(run(round, "torch", AS_INSTALLED.label(), installed[round - 1]));
            runs.add(run(round, "torch", SKYLAKEX.label(), skylakex[round - 1]));
        }
        runs.add(new Run("round", 3, "tanh", 1, "torch", SKYLAKEX.label(), Double.NaN, null, 0, 1, "crashed", 0, Map.of()));
        CompareOptions o = CompareOptions.parse(new String[] {"--cases", "tanh", "--threads", "1", "--peers", "vecnn,torch"});
        CompareReport report = new CompareReport(o, List.of("vecnn", "torch"), s, runs, Map.of(), List.of());
        CompareReport.Row torch = report.table().stream().filter(r -> r.peer().equals("torch")).findFirst().orElseThrow();
        assertEquals(SKYLAKEX.label(), torch.setting());
        assertEquals(182e3, torch.median());
        assertEquals(3, torch.n(), "the failed run is not counted");
        assertEquals(300e3 / 182e3, torch.ratio(), 1e-12);
        String md = report.markdown(report.table());
        assertTrue(md.contains("| tanh | 1 | torch | " + AS_INSTALLED.label() + " | 137,000 | 3 |"), md);
    }

    private static Run run(int round, String peer, String setting, double rate) {
        return new Run("round", round, "tanh", 1, peer, setting, rate, 0.9685, 0, 0, null, 0, Map.of());
    }
}
