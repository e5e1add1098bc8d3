package dev.vecnn.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EarlyTerminationTest {
    private static Trial trial(int index) {
        return Trial.of(index, Map.of("seed", Integer.toString(index)), Map.of());
    }

    @Test
    void rungsGrowByEtaAndEndAtTheFullEpochs() {
        assertEquals(List.of(2, 6, 18, 50), EarlyTermination.rungs(50));
        assertEquals(List.of(2), EarlyTermination.rungs(2));
        assertEquals(List.of(1), EarlyTermination.rungs(1));
    }

    @Test
    void theMedianRuleStopsATrialBelowTheMedianOfTheTrialsBeforeIt() {
        EarlyTermination.MedianBoard board = new EarlyTermination.MedianBoard(4);
        // trials 0-2 finished with flat curves at 0.9, 0.8, 0.7 over 5 epochs
        for (int i = 0; i < 3; i++) {
            for (int e = 1; e <= 5; e++) board.stop(trial(i), e, 0.9 - 0.1 * i);
            board.finished(i);
        }
        // trial 3: at 0.75 it is below the median 0.8 from epoch 3 (the grace period ends there), not before
        assertFalse(board.stop(trial(3), 1, 0.75));
        assertFalse(board.stop(trial(3), 2, 0.75));
        assertTrue(board.stop(trial(3), 3, 0.75));
    }

    @Test
    void aTrialWaitsForTheTrialsBeforeItToPassTheEpochSoTheDecisionIsTheSameHoweverTheyOverlap() throws Exception {
        EarlyTermination.MedianBoard board = new EarlyTermination.MedianBoard(2);
        AtomicBoolean decided = new AtomicBoolean();
        boolean[] answer = new boolean[1];
        Thread later = new Thread(() -> {
            board.stop(trial(1), 1, 0.5);
            board.stop(trial(1), 2, 0.5);
            answer[0] = board.stop(trial(1), 3, 0.5);
            decided.set(true);
        });
        later.start();
        Thread.sleep(200);
        assertFalse(decided.get(), "trial 1 waits for trial 0 to reach epoch 3");
        for (int e = 1; e <= 3; e++) board.stop(trial(0), e, 0.9);
        later.join(5000);
        assertTrue(decided.get());
        assertTrue(answer[0], "0.5 is below trial 0's 0.9");
    }

    @Test
    void aFinishedRunCountsAsIfItRanNow() {
        EarlyTermination.MedianBoard board = new EarlyTermination.MedianBoard(2);
        board.preload(0, List.of(new double[] {1, 0.9}, new double[] {3, 0.95}));
        assertFalse(board.stop(trial(1), 1, 0.5));
        assertFalse(board.stop(trial(1), 2, 0.5));
        assertTrue(board.stop(trial(1), 3, 0.94), "below trial 0's best through epoch 3 (0.95)");
    }
}
