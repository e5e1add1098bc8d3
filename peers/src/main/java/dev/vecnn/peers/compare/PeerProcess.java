package dev.vecnn.peers.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one peer process with a clean thread environment and a time limit, and captures what it printed. */
final class PeerProcess {
    private PeerProcess() {}

    static String describeExit(int exit, String err) {
        String tail = err.strip();
        int nl = tail.lastIndexOf('\n');
        if (nl >= 0) tail = tail.substring(nl + 1);
        if (tail.length() > 160) tail = tail.substring(0, 160);
        String sig = exit > 128 ? " = signal " + (exit - 128) + (exit == 132 ? " SIGILL, illegal instruction" : exit == 137
                ? " SIGKILL" : exit == 139 ? " SIGSEGV" : "") : "";
        return "exit " + exit + sig + (tail.isEmpty() ? "" : ": " + tail);
    }

    record Captured(int exit, String out, String err) {}

    static Captured capture(List<String> cmd, Map<String, String> env, long timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("OPENBLAS_") || k.startsWith("OMP_") || k.startsWith("GOMP_")
                || k.equals("MKL_NUM_THREADS"));
        e.putAll(env);
        Path errFile = Files.createTempFile("peer-", ".err");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader br = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = br.readLine()) != null) {
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        int exit;
        if (p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            exit = p.exitValue();
        } else {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
            exit = 124;
        }
        reader.join();
        String err = Files.readString(errFile);
        Files.deleteIfExists(errFile);
        synchronized (out) {
            return new Captured(exit, out.toString(), exit == 124 ? "timed out after " + timeoutSeconds + " s" : err);
        }
    }

    static String javaVersion(String java) throws Exception {
        Captured c = capture(List.of(java, "-XshowSettings:properties", "-version"), Map.of(), 60);
        String v = "";
        for (String l : c.err.split("\n")) {
            l = l.trim();
            if (l.startsWith("java.runtime.version")) v = l.substring(l.indexOf('=') + 1).trim();
            if (l.startsWith("java.vm.name")) v = l.substring(l.indexOf('=') + 1).trim() + " " + v;
        }
        return v.isBlank() ? java : v;
    }
}
