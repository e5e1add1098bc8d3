package dev.vecnn.cli;

import picocli.CommandLine;

/** Entry point: exit code 0 on success, 1 on failure, 2 on bad usage; errors on stderr as one line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VecnnCommand());
        cl.setExecutionExceptionHandler(new OneLineErrors());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
