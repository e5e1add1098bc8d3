package dev.vecnn.peers.vecnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vecnn.experiment.Presets;
import dev.vecnn.peers.protocol.Fingerprints;
import dev.vecnn.train.Trainer;
import org.junit.jupiter.api.Test;

class VecnnPeerTest {
    /**
     * peers/peerdata.py redraws vecnn's initial weights in NumPy; these are the checksums its
     * weights_fingerprint gives (2026-12-02). If one changes, the Python peers no longer start where
     * vecnn does: update vecnn_initial_weights to the new draws, then these values.
     */
    @Test
    void initialWeightsMatchWhatThePythonPeersRedraw() {
        assertEquals(863433185L, fingerprint("tanh-momentum"), "tanh");
        assertEquals(184170283L, fingerprint("softmax-regression"), "softmax");
        assertEquals(78779457L, fingerprint("mlp32-relu-lr0.005"), "mlp32");
    }

    private static long fingerprint(String preset) {
        return Fingerprints.weights(Trainer.initialModel(Presets.byName(preset).config()));
    }
}
