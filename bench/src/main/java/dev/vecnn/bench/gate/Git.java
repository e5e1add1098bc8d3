package dev.vecnn.bench.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs git in one repository and returns what it printed. */
final class Git {
    /** A finished git command: exit status and standard output (trimmed); standard error is folded in on failure. */
    record Result(int status, String out) {
        boolean ok() {
            return status == 0;
        }
    }

    private final Path repo;

    Git(Path repo) {
        this.repo = repo;
    }

    Path repo() {
        return repo;
    }

    Result run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run git (" + e.getMessage() + "): install git, or run the gate with --selftest");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            return new Result(p.waitFor(), out);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while git ran");
        }
    }

    /** The full commit id {@code ref} names, or null when it names no commit here. */
    String commit(String ref) throws IOException {
        Result r = run("rev-parse", "--verify", "--quiet", ref + "^{commit}");
        return r.ok() && !r.out().isEmpty() ? r.out().lines().findFirst().orElse(null) : null;
    }
}
