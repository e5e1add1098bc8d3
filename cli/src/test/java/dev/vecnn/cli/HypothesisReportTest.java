package dev.vecnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnn.hypothesis.Hypotheses;
import dev.vecnn.hypothesis.Judgement;
import java.util.List;
import org.junit.jupiter.api.Test;

class HypothesisReportTest {
    @Test
    void quickChecksTableHasARowPerCheckWithItsVerdict() {
        Hypotheses.QuickCheck q = Hypotheses.QUICK.get(0);
        String holds = HypothesisReport.checkRow(q, new Judgement("74.9%", true));
        String broken = HypothesisReport.checkRow(q, new Judgement("12.0%", false));
        assertTrue(holds.startsWith("| " + q.claim() + " |") && holds.contains("`" + q.variantSpec().command(q.preset()) + "`")
                && holds.contains("| 74.9% | ok |"), holds);
        assertTrue(broken.endsWith("| 12.0% | **no longer holds** |"), broken);
        String section = HypothesisReport.checksSection(List.of(holds, broken));
        assertTrue(section.startsWith("## Hypothesis checks\n"), section);
        assertTrue(section.contains("| claim | reported | variant | read as | reproduces when | vecnn | verdict |\n|---|"), section);
        assertTrue(section.endsWith(holds + "\n" + broken + "\n"), section);
    }

    @Test
    void noChecksNoSection() {
        assertEquals("", HypothesisReport.checksSection(List.of()));
    }
}
