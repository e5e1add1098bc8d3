package dev.vecnn.cli;

import picocli.CommandLine;

/** Entry point: exit code 0 on success, 1 on failure, 2 on bad usage, 3 when training diverged,
 * 130/143 when SIGINT/SIGTERM stopped it (see Interruption); errors on stderr as one line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = commandLine();
        return execute(cl, args);
    }

    /** Runs with the given output and error writers (for tests and embedding). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return execute(cl, args);
    }

    /**
     * The readers check sizes before allocating, so this is the last line of defence: an input within
     * the limits can still outgrow a small heap, and picocli lets Errors through as a stack trace.
     */
    private static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            cl.getErr().println("vecnn: error: out of memory (" + e.getMessage() + "): the model or data is larger than"
                    + " this JVM's heap; give it more with VECNN_JAVA_OPTS=-Xmx8g (say), or use a smaller one");
            cl.getErr().flush();
            return 1;
        }
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VecnnCommand());
        OneLineErrors errors = new OneLineErrors();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
