package dev.beamr.cli;

import dev.beamr.InstanceOptions;
import dev.beamr.Mode;
import dev.beamr.wasi.WasiPreview1;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The {@code beamr} command. Every error is one line on stderr and exit status 1; {@code --verbose}
 * adds the stack trace. The global options may be given before or after the subcommand's name.
 */
@Command(name = "beamr", mixinStandardHelpOptions = true, version = "beamr 0.1.0",
        description = "Runs and inspects WebAssembly modules.",
        subcommands = {RunCommand.class, InvokeCommand.class, AosCommand.class, InspectCommand.class,
                CommandLine.HelpCommand.class})
public final class BeamrCommand {
    static final int FAILURE = 1;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    @Option(names = "--mode", scope = ScopeType.INHERIT, paramLabel = "wasm|aot", defaultValue = "wasm",
            description = "How code runs: wasm interprets it (the default); aot compiles the module to JVM bytecode first, "
                    + "interpreting only the functions it could not compile (those making tail calls).")
    Mode mode;

    @Option(names = "--fuel", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Stop after N executed WebAssembly instructions (counted from the instance's start).")
    Long fuel;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop a call (and the module's start function) that runs longer than DURATION, e.g. 500ms, 10s, 2m.")
    Duration timeout;

    final Terminal terminal;

    private BeamrCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(run(args, Terminal.system()));
    }

    /** Runs the command line {@code args} on {@code terminal}; returns the exit status. */
    static int run(String[] args, Terminal terminal) {
        PrintWriter out = new PrintWriter(terminal.out(), true);
        PrintWriter err = new PrintWriter(terminal.err(), true);
        CommandLine commandLine = new CommandLine(new BeamrCommand(terminal))
                .setCaseInsensitiveEnumValuesAllowed(true)
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
        // Everything after a WASI program's file is the program's own command line, options included.
        commandLine.getSubcommands().get("run").setStopAtPositional(true);
        int status = commandLine.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** A WASI provider on this terminal's stdin, stdout and stderr, for the caller to complete. */
    WasiPreview1.Builder wasiOnTerminal() {
        return WasiPreview1.builder().stdin(terminal.in()).stdout(terminal.out()).stderr(terminal.err());
    }

    /** Instance options with {@code wasi} and the limits given on the command line. */
    InstanceOptions instanceOptions(WasiPreview1 wasi) {
        InstanceOptions.Builder options = InstanceOptions.builder().wasi(wasi);
        applyLimits(options::fuel, options::callTimeout);
        return options.build();
    }

    /** Hands the --fuel and --timeout given on the command line, if any, to the two setters. */
    void applyLimits(LongConsumer setFuel, Consumer<Duration> setTimeout) {
        if (fuel != null) {
            if (fuel < 0) throw new CommandFailure("--fuel must not be negative, got " + fuel);
            setFuel.accept(fuel);
        }
        if (timeout != null) setTimeout.accept(timeout);
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
