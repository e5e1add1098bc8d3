package dev.vecnn.cli;

import picocli.CommandLine;

/**
 * Turns a failure into the one line a user reads ("vecnn: error: what, which file, what to do")
 * and exit code 1: 2 for bad usage, 3 for a diverged training run. The stack trace appears only
 * with --verbose, for bug reports.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    /** A flag picocli cannot parse (an unknown one, a value of the wrong type): one line, exit 2, where to look. */
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        StringBuilder line = new StringBuilder("vecnn: error: ").append(e.getMessage().replace('\n', ' ').strip());
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append(" (did you mean ").append(String.join(" or ", u.getSuggestions())).append("?)");
        }
        line.append("; see '").append(cl.getCommandSpec().qualifiedName()).append(" --help'");
        cl.getErr().println(line);
        cl.getErr().flush();
        return 2;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        CommandLine root = cl;
        while (root.getParent() != null) root = root.getParent();
        boolean verbose = root.getCommand() instanceof VecnnCommand v && v.verbose;
        String message = e.getMessage();
        if (message == null || message.isBlank() || e instanceof NullPointerException
                || e instanceof IndexOutOfBoundsException) {
            message = "internal error (" + e.getClass().getSimpleName() + (message == null ? "" : ": " + message)
                    + "); rerun with --verbose and report the stack trace";
        }
        cl.getErr().println("vecnn: error: " + message.replace('\n', ' '));
        if (verbose) e.printStackTrace(cl.getErr());
        cl.getErr().flush();
        if (e instanceof CommandLine.ParameterException || e instanceof BadUsage) return 2;
        return e instanceof Diverged ? Diverged.EXIT_CODE : 1;
    }
}
