package dev.beamr.cli;

import dev.beamr.BeamrModule;
import dev.beamr.ao.AoProcess;
import dev.beamr.ao.AoResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code beamr aos FILE}: a Lua prompt on an AO process, or one evaluation with {@code --eval}. */
@Command(name = "aos", mixinStandardHelpOptions = true,
        description = {"Evaluates Lua in an AO process, such as aos, line by line or once.",
                "Each line read from stdin is sent as an Eval message; its output is printed on stdout and its "
                        + "error on stderr, and the Lua state carries over until end of input. With --eval, "
                        + "evaluates CODE once; the exit status is 1 when the process reports an error.",
                "--fuel is one account for the whole process, its start and every line; --timeout limits "
                        + "each call into it."})
final class AosCommand implements Callable<Integer> {
    private static final String PROMPT = "aos> ";

    @ParentCommand
    BeamrCommand beamr;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The AO process module (.wasm) exporting handle.")
    Path file;

    @Option(names = "--eval", paramLabel = "CODE", description = "Evaluates CODE, prints the answer and exits.")
    String code;

    @Override
    public Integer call() {
        AoProcess.Builder builder = AoProcess.builder();
        beamr.applyLimits(builder::fuel, builder::callTimeout);
        BeamrModule module = Modules.compile(file, beamr.mode);
        try (AoProcess process = Modules.attempt(file, () -> builder.start(module))) {
            if (code != null) return evaluate(process, code) ? 0 : BeamrCommand.FAILURE;
            prompt(process);
            return 0;
        }
    }

    /** Reads and evaluates lines until end of input; a failed line is reported and the prompt goes on. */
    private void prompt(AoProcess process) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BufferedReader lines = new BufferedReader(new InputStreamReader(beamr.terminal.in(), StandardCharsets.UTF_8));
        while (true) {
            if (beamr.terminal.interactive()) {
                out.print(PROMPT);
                out.flush();
            }
            String line;
            try {
                line = lines.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("reading stdin", e);
            }
            if (line == null) return;
            if (line.isBlank()) continue;
            try {
                evaluate(process, line);
            } catch (CommandFailure failure) {
                err.println("beamr: " + failure.getMessage());
            }
        }
    }

    /** Evaluates {@code lua}, printing its output and its error; returns whether there was no error. */
    private boolean evaluate(AoProcess process, String lua) {
        AoResult result = Modules.attempt(file, () -> process.eval(lua));
        printLine(spec.commandLine().getOut(), result.output());
        result.error().ifPresent(error -> printLine(spec.commandLine().getErr(), error));
        return result.error().isEmpty();
    }

    private static void printLine(PrintWriter writer, String text) {
        if (text.isEmpty()) return;
        if (text.endsWith("\n")) {
            writer.print(text);
            writer.flush();
        } else {
            writer.println(text);
        }
    }
}
