package dev.vecnn.cli;

import picocli.CommandLine;

/** Entry point: exit code 0 on success, 1 on failure, 2 on bad usage, 3 when training diverged; errors on stderr as one line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs with the given output and error writers (for tests and embedding). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
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
