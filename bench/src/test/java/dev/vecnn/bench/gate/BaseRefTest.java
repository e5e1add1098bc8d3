package dev.vecnn.bench.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which base the gate picks and when it cannot use one, on small git repositories made here. */
class BaseRefTest {
    @TempDir
    Path dir;

    private Git repo() throws IOException {
        Git git = new Git(dir);
        must(git.run("init", "-q", "-b", "main"));
        must(git.run("config", "user.email", "t@example.invalid"));
        must(git.run("config", "user.name", "t"));
        return git;
    }

    private static void must(Git.Result r) {
        assertTrue(r.ok(), r.out());
    }

    private void commit(Git git, String file, String text) throws IOException {
        Path f = dir.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        must(git.run("add", file));
        must(git.run("commit", "-q", "-m", file + " " + text));
    }

    private Git vecnnLikeRepo() throws IOException {
        Git git = repo();
        commit(git, "README.md", "no sources yet");
        git.run("tag", "before-sources");
        commit(git, "pom.xml", "<project/>");
        commit(git, "core/pom.xml", "<project/>");
        commit(git, "bench/pom.xml", "<project/>");
        git.run("tag", "landed");
        commit(git, "core/A.java", "one");
        commit(git, "core/A.java", "two");
        return git;
    }

    @Test
    void theFlagBeatsTheEnvironmentWhichBeatsTheFile() throws IOException {
        Files.createDirectories(dir.resolve("bench"));
        Files.writeString(dir.resolve(BaseRef.FILE), "# the tip of main when this submission began\n\n  abc123   landed 2026-12-03\n");
        assertArrayEquals(new String[] {"v1", "--base"}, BaseRef.configured("v1", Map.of(BaseRef.ENV, "origin/main"), dir));
        assertArrayEquals(new String[] {"origin/main", BaseRef.ENV}, BaseRef.configured(null, Map.of(BaseRef.ENV, " origin/main "), dir));
        assertArrayEquals(new String[] {"abc123", BaseRef.FILE}, BaseRef.configured(null, Map.of(BaseRef.ENV, "  "), dir));
    }

    @Test
    void nothingConfiguredMeansNoBase() throws IOException {
        assertNull(BaseRef.configured(null, Map.of(), dir));
        Files.createDirectories(dir.resolve("bench"));
        Files.writeString(dir.resolve(BaseRef.FILE), "# only a comment\n");
        assertNull(BaseRef.configured(null, Map.of(), dir));
    }

    @Test
    void aRefResolvesToItsCommitWithTheDistanceToHead() throws IOException, BaseRef.Unavailable {
        Git git = vecnnLikeRepo();
        BaseRef b = BaseRef.resolve(git, "landed", BaseRef.FILE);
        assertEquals(git.commit("landed"), b.commit());
        assertEquals(2, b.commitsBehind());
        assertTrue(b.ancestor());
        assertTrue(b.describe().startsWith("landed = " + b.commit().substring(0, 12) + " (from bench/gate-base; 2 commits before HEAD"), b.describe());
        assertEquals(1, BaseRef.resolve(git, "HEAD~1", "--base").commitsBehind());
    }

    @Test
    void anUnknownRefIsUnavailableAndSaysWhich() throws IOException {
        Git git = vecnnLikeRepo();
        BaseRef.Unavailable e = assertThrows(BaseRef.Unavailable.class, () -> BaseRef.resolve(git, "no-such-branch", BaseRef.ENV));
        assertTrue(e.getMessage().contains("'no-such-branch' (from VECNN_GATE_BASE) is not a commit of this checkout"), e.getMessage());
    }

    @Test
    void aBaseWithoutTheSourcesIsUnavailable() throws IOException {
        Git git = vecnnLikeRepo();
        BaseRef.Unavailable e = assertThrows(BaseRef.Unavailable.class, () -> BaseRef.resolve(git, "before-sources", "--base"));
        assertTrue(e.getMessage().contains("has no core/pom.xml"), e.getMessage());
    }

    @Test
    void aBranchBesideHeadIsUsedButFlagged() throws IOException, BaseRef.Unavailable {
        Git git = vecnnLikeRepo();
        must(git.run("checkout", "-q", "-b", "side", "landed"));
        commit(git, "core/B.java", "side");
        must(git.run("checkout", "-q", "main"));
        BaseRef b = BaseRef.resolve(git, "side", "--base");
        assertFalse(b.ancestor());
        assertTrue(b.describe().contains("NOT an ancestor of HEAD"), b.describe());
    }

    @Test
    void aFolderWithoutGitIsUnavailable() throws IOException {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        BaseRef.Unavailable e = assertThrows(BaseRef.Unavailable.class, () -> BaseRef.resolve(new Git(plain), "HEAD", "--base"));
        assertTrue(e.getMessage().contains("not a git repository"), e.getMessage());
    }

    @Test
    void theCommittedBaseFileNamesACommitOfThisRepository() throws IOException {
        // Tests run in bench/: the project's own file must name a commit that exists here.
        Path root = Path.of("").toAbsolutePath().getParent();
        String[] configured = BaseRef.configured(null, Map.of(), root);
        if (configured == null) return; // a checkout without the file falls back to the self-test
        Git git = new Git(root);
        if (!git.run("rev-parse", "--git-dir").ok() || "true".equals(git.run("rev-parse", "--is-shallow-repository").out())) return;
        assertTrue(git.commit(configured[0]) != null, BaseRef.FILE + " names " + configured[0] + ", which is not a commit here");
    }
}
