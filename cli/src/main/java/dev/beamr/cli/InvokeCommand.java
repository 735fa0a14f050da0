package dev.beamr.cli;

import dev.beamr.BeamrException;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.ExternKind;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.Extern;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Instance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code beamr invoke FILE FUNC [ARGS...]}: instantiates a module and calls one exported function. */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Calls an exported function and prints its results, one 'TYPE VALUE' per line.",
                "Arguments are decimal numbers parsed by the function's parameter types (nan and inf",
                "with an optional sign for floats); the module must not import anything."})
final class InvokeCommand implements Callable<Integer> {
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
        CompiledModule module = Modules.compile(file);
        FunctionInstance target = exportedFunction(Modules.instantiate(file, module), module);
        FuncType type = target.type();
        int slots = Math.max(type.paramCount(), type.resultCount());
        long[] values = new long[slots];
        Object[] refs = new Object[slots];
        setArguments(type, values, refs);
        try {
            target.invoke(null, values, refs);
        } catch (BeamrException e) {
            throw CommandFailure.of(file, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < type.resultCount(); i++) {
            ValType result = type.result(i);
            out.println(result + " " + (result.isReference() ? describeReference(refs[i]) : WasmValues.format(result, values[i])));
        }
        return 0;
    }

    private FunctionInstance exportedFunction(Instance instance, CompiledModule module) {
        Extern export = instance.export(function);
        if (export instanceof FunctionInstance found) return found;
        List<String> functions = module.module().exports().stream()
                .filter(e -> e.kind() == ExternKind.FUNCTION).map(e -> e.name()).toList();
        String available = functions.isEmpty() ? "it exports no functions" : "exported functions: " + String.join(", ", functions);
        String problem = export == null ? "no export named '" + function + "'" : "export '" + function + "' is not a function";
        throw new CommandFailure(file + ": " + problem + " (" + available + ")");
    }

    private void setArguments(FuncType type, long[] values, Object[] refs) {
        if (arguments.size() != type.paramCount()) {
            throw new CommandFailure(function + " " + type + " takes " + type.paramCount() + " argument"
                    + (type.paramCount() == 1 ? "" : "s") + ", got " + arguments.size());
        }
        for (int i = 0; i < arguments.size(); i++) {
            ValType param = type.param(i);
            String text = arguments.get(i);
            try {
                if (param.isReference()) {
                    // Only the null reference can be written on a command line.
                    if (!text.equals("null")) throw new IllegalArgumentException("a " + param + " argument can only be null");
                    refs[i] = null;
                } else {
                    values[i] = WasmValues.parse(param, text);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandFailure("argument " + (i + 1) + " of " + function + " " + type + ": " + e.getMessage());
            }
        }
    }

    private static String describeReference(Object reference) {
        return reference == null ? "null" : reference.toString();
    }
}
