package dev.vecnn.bench.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which commit the gate compares against, and whether it can: the ref given with {@code --base},
 * else {@code VECNN_GATE_BASE} (users' CI sets it to the merge-base with the target branch), else
 * the commit named in {@code bench/gate-base}: the tip of main when the current submission began,
 * so that a slowdown spread over several commits of one submission is measured as a whole.
 */
record BaseRef(String ref, String commit, String source, int commitsBehind, boolean ancestor) {
    static final String ENV = "VECNN_GATE_BASE";
    static final String FILE = "bench/gate-base";

    /** Why no base could be used; the gate then falls back to its self-test and prints this. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** The configured base ref and where it came from, or null when none is set. */
    static String[] configured(String flag, Map<String, String> env, Path root) throws IOException {
        if (flag != null) return new String[] {flag, "--base"};
        String e = env.get(ENV);
        if (e != null && !e.isBlank()) return new String[] {e.trim(), ENV};
        Path f = root.resolve(FILE);
        if (Files.isRegularFile(f)) {
            for (String line : Files.readAllLines(f)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) return new String[] {t.split("\\s+")[0], FILE};
            }
        }
        return null;
    }

    /** Resolves {@code ref} to a commit of this repository that has vecnn's sources. */
    static BaseRef resolve(Git git, String ref, String source) throws IOException, Unavailable {
        if (!git.run("rev-parse", "--git-dir").ok()) {
            throw new Unavailable("this checkout is not a git repository, so there is no base to build");
        }
        String commit = git.commit(ref);
        if (commit == null) {
            boolean shallow = "true".equals(git.run("rev-parse", "--is-shallow-repository").out());
            throw new Unavailable("the base '" + ref + "' (from " + source + ") is not a commit of this checkout"
                    + (shallow ? " (a shallow clone: fetch more history, for example git fetch --unshallow)" : ""));
        }
        for (String dir : new String[] {"core/pom.xml", "bench/pom.xml", "pom.xml"}) {
            if (!git.run("cat-file", "-e", commit + ":" + dir).ok()) {
                throw new Unavailable("the base " + ref + " (" + commit.substring(0, 12) + ") has no " + dir
                        + ": it predates the benchmark module, so it cannot be measured");
            }
        }
        boolean ancestor = git.run("merge-base", "--is-ancestor", commit, "HEAD").ok();
        int behind = -1;
        Git.Result count = git.run("rev-list", "--count", commit + "..HEAD");
        if (count.ok()) behind = Integer.parseInt(count.out().strip());
        return new BaseRef(ref, commit, source, behind, ancestor);
    }

    String describe() {
        return ref + " = " + commit.substring(0, 12) + " (from " + source + "; " + commitsBehind + " commit"
                + (commitsBehind == 1 ? "" : "s") + " before HEAD" + (ancestor ? "" : ", NOT an ancestor of HEAD") + ")";
    }
}
