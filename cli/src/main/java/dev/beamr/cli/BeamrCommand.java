package dev.beamr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;

/**
 * The {@code beamr} command. Every error is one line on stderr and exit status 1; {@code --verbose}
 * adds the stack trace.
 */
@Command(name = "beamr", mixinStandardHelpOptions = true, version = "beamr 0.1.0",
        description = "Runs and inspects WebAssembly modules.",
        subcommands = {InvokeCommand.class, InspectCommand.class, CommandLine.HelpCommand.class})
public final class BeamrCommand {
    static final int FAILURE = 1;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line {@code args}, writing to {@code out} and {@code err}; returns the exit status. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new BeamrCommand())
                // Arguments such as -5 or -inf are values for the function, not options.
                .setUnmatchedOptionsArePositionalParams(true)
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((error, arguments) -> {
                    CommandLine failed = error.getCommandLine();
                    failed.getErr().println("beamr: " + error.getMessage()
                            + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
                    return FAILURE;
                })
                .setExecutionExceptionHandler((error, failed, parseResult) -> {
                    PrintWriter errors = failed.getErr();
                    errors.println("beamr: " + describe(error));
                    if (verboseRequested(parseResult)) error.printStackTrace(errors);
                    return FAILURE;
                });
        int status = commandLine.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    private static String describe(Exception error) {
        if (error instanceof CommandFailure) return error.getMessage();
        // Anything else is a fault in Beamr itself rather than in the module or the arguments.
        return "internal error: " + error;
    }

    private static boolean verboseRequested(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) return true;
        }
        return false;
    }
}
