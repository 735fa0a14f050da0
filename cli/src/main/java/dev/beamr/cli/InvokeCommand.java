package dev.beamr.cli;

import dev.beamr.BeamrModule;
import dev.beamr.CallResult;
import dev.beamr.Signature;
import dev.beamr.ValueType;
import dev.beamr.WasmInstance;
import dev.beamr.wasi.WasiExitException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code beamr invoke FILE FUNC [ARGS...]}: starts a module and calls one exported function. */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Calls an exported function and prints its results, one 'TYPE VALUE' per line.",
                "Arguments are decimal numbers parsed by the function's parameter types (nan and inf with an "
                        + "optional sign for floats). WASI and emscripten imports are answered (WASI on this "
                        + "terminal's stdio); a call to any other import fails. If the module calls proc_exit, "
                        + "its exit code becomes beamr's."})
final class InvokeCommand implements Callable<Integer> {
    @ParentCommand
    BeamrCommand beamr;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The WebAssembly module (.wasm).")
    Path file;

    @Parameters(index = "1", paramLabel = "FUNC", description = "The name of the exported function.")
    String function;

    @Parameters(index = "2..*", paramLabel = "ARGS", description = "The function's arguments.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        BeamrModule module = Modules.compile(file, beamr.mode);
        Signature signature = Modules.exportedFunction(file, module, function);
        List<Number> values = parseArguments(signature);
        requireNumeric(signature.results(), "result");
        CallResult<Void> result;
        try (WasmInstance instance = Modules.attempt(file,
                () -> module.start(beamr.instanceOptions(beamr.wasiOnTerminal().args(file.toString()).build())))) {
            result = Modules.call(file, instance, function, values);
        } catch (WasiExitException exit) {
            // The start function exited before the call.
            return exit.exitCode();
        }
        if (result.exitCode().isPresent()) return result.exitCode().getAsInt();
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < result.results().size(); i++) {
            ValueType type = signature.results().get(i);
            out.println(type.name().toLowerCase() + " " + WasmValues.formatNumber(type, result.results().get(i)));
        }
        return 0;
    }

    private List<Number> parseArguments(Signature signature) {
        List<ValueType> params = signature.params();
        if (arguments.size() != params.size()) {
            throw new CommandFailure(function + " " + signature + " takes " + params.size() + " argument"
                    + (params.size() == 1 ? "" : "s") + ", got " + arguments.size());
        }
        requireNumeric(params, "parameter");
        List<Number> values = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            try {
                values.add(WasmValues.parseNumber(params.get(i), arguments.get(i)));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure("argument " + (i + 1) + " of " + function + " " + signature + ": " + e.getMessage());
            }
        }
        return values;
    }

    private void requireNumeric(List<ValueType> types, String what) {
        for (ValueType type : types) {
            if (!type.isNumeric()) {
                throw new CommandFailure(function + " has a " + type.name().toLowerCase() + " " + what
                        + ", which the command line cannot pass or print");
            }
        }
    }
}
