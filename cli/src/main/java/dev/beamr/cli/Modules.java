package dev.beamr.cli;

import dev.beamr.Beamr;
import dev.beamr.BeamrException;
import dev.beamr.BeamrModule;
import dev.beamr.CallResult;
import dev.beamr.ExportInfo;
import dev.beamr.ExternType;
import dev.beamr.ImportHandler;
import dev.beamr.Mode;
import dev.beamr.Signature;
import dev.beamr.WasmInstance;
import dev.beamr.engine.binary.ModuleDecoder;
import dev.beamr.engine.model.WasmModule;
import dev.beamr.wasi.WasiExitException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Loads module files, turning every failure into a {@link CommandFailure} naming the file. */
final class Modules {
    private Modules() {}

    /** Decodes and validates {@code file} to run in {@code mode}. */
    static BeamrModule compile(Path file, Mode mode) {
        byte[] bytes = read(file);
        return attempt(file, () -> Beamr.compile(bytes, mode));
    }

    /**
     * Decodes only, so that modules the validator rejects can still be inspected. The public API
     * describes validated modules without limits or custom sections, so this reads the engine's model.
     */
    static WasmModule decode(Path file) {
        byte[] bytes = read(file);
        return attempt(file, () -> ModuleDecoder.decode(bytes));
    }

    /**
     * Runs {@code action}, reporting a Beamr error as a failure about {@code file}; a WASI exit is
     * not an error and passes through for the caller to turn into the exit status.
     */
    static <T> T attempt(Path file, Supplier<T> action) {
        try {
            return action.get();
        } catch (WasiExitException e) {
            throw e;
        } catch (BeamrException e) {
            throw CommandFailure.of(file, e);
        }
    }

    /**
     * Calls {@code function} of {@code instance} with {@code arguments}. WASI and emscripten imports
     * are the instance's; any other import has no meaning on a command line, so calling one fails.
     */
    static CallResult<Void> call(Path file, WasmInstance instance, String function, List<Number> arguments) {
        ImportHandler<Void> refuse = (state, call, options) -> {
            throw new CommandFailure(file + ": " + function + " called the import " + call.module() + "." + call.field()
                    + " " + call.signature() + ", which the command line does not provide");
        };
        return attempt(file, () -> instance.call(function, arguments, refuse, null, Map.of()));
    }

    /** The signature of the function {@code module} exports as {@code name}; a failure listing the exported functions otherwise. */
    static Signature exportedFunction(Path file, BeamrModule module, String name) {
        List<ExportInfo> functions = module.exports().stream().filter(e -> e.kind() == ExternType.FUNCTION).toList();
        for (ExportInfo function : functions) {
            if (function.name().equals(name)) return function.signature().orElseThrow();
        }
        boolean otherKind = module.exports().stream().anyMatch(e -> e.name().equals(name));
        String available = functions.isEmpty() ? "it exports no functions"
                : "exported functions: " + String.join(", ", functions.stream().map(ExportInfo::name).toList());
        String problem = otherKind ? "export '" + name + "' is not a function" : "no export named '" + name + "'";
        throw new CommandFailure(file + ": " + problem + " (" + available + ")");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(file + ": no such file", e);
        } catch (IOException e) {
            throw new CommandFailure(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
