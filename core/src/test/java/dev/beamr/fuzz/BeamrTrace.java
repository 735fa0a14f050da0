package dev.beamr.fuzz;

import dev.beamr.BeamrException;
import dev.beamr.InvalidModuleException;
import dev.beamr.LinkException;
import dev.beamr.MalformedModuleException;
import dev.beamr.Mode;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.Engine;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.Import;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.Extern;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.HostFunctionInstance;
import dev.beamr.engine.runtime.ImportResolver;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.WasmExceptionPayload;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a binaryen fuzz module in Beamr and writes the same trace as {@code scripts/difftest-node.mjs}
 * does for V8 (the format is described there): logging imports, every export called in order with
 * the same fixed arguments after resetting the hang limit, results and traps. The trace does not
 * depend on the mode the module runs in.
 */
final class BeamrTrace {
    static final String LOGGING_MODULE = "fuzzing-support";
    static final String HANG_LIMIT_RESET = "hangLimitInitializer";

    /** Per type, the arguments the k-th parameter of that type receives (cyclically); must match the JS harness. */
    private static final Map<ValType, long[]> ARGUMENTS = Map.of(
            ValType.I32, new long[] {1, -1, 0x7fff_ffff, Integer.MIN_VALUE, 0, 0x10000},
            ValType.I64, new long[] {1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 0, 1L << 32},
            ValType.F32, new long[] {f32(1.5f), f32(-2.25f), f32(0f), f32(-0f), f32(65536f)},
            ValType.F64, new long[] {f64(1.5), f64(-2.25), f64(0), f64(-0.0), f64(65536)});

    private static final Engine INTERPRETING = new Engine(ModuleExerciser.LIMITS);
    private static final Engine COMPILING = Engine.compiling(ModuleExerciser.LIMITS);

    private BeamrTrace() {}

    /**
     * Writes the trace of {@code bytes}, run in {@code mode}, line by line to {@code emit}, so a run
     * that never ends still shows its progress.
     */
    static void run(byte[] bytes, Mode mode, Consumer<String> emit) {
        CompiledModule compiled;
        try {
            compiled = Engine.compile(bytes);
        } catch (MalformedModuleException | InvalidModuleException e) {
            emit.accept("invalid | " + oneLine(e.getMessage()));
            return;
        }
        Instance instance;
        try {
            Engine engine = mode == Mode.AOT ? COMPILING : INTERPRETING;
            instance = engine.instantiate(compiled, loggingImports(compiled, emit));
        } catch (LinkException e) {
            emit.accept("link-error | " + oneLine(e.getMessage()));
            return;
        } catch (TrapException | WasmExceptionPayload e) {
            emit.accept("start-" + outcome(e));
            return;
        }
        FunctionInstance hangLimitReset = instance.export(HANG_LIMIT_RESET) instanceof FunctionInstance f ? f : null;
        for (Map.Entry<String, Extern> export : instance.exports().entrySet()) {
            if (!(export.getValue() instanceof FunctionInstance function) || export.getKey().equals(HANG_LIMIT_RESET)) continue;
            if (hangLimitReset != null) hangLimitReset.call();
            emit.accept("call " + export.getKey());
            emit.accept(call(function));
        }
    }

    private static String call(FunctionInstance function) {
        FuncType type = function.type();
        int slots = Math.max(type.paramCount(), type.resultCount());
        long[] values = new long[slots];
        Map<ValType, Integer> used = new HashMap<>();
        for (int i = 0; i < type.paramCount(); i++) {
            long[] candidates = ARGUMENTS.get(type.param(i));
            int k = used.merge(type.param(i), 1, Integer::sum) - 1;
            if (candidates != null) values[i] = candidates[k % candidates.length];
        }
        Object[] refs = new Object[slots];
        try {
            function.invoke(null, values, refs);
        } catch (BeamrException | WasmExceptionPayload e) {
            return outcome(e);
        }
        StringBuilder line = new StringBuilder("return");
        for (int i = 0; i < type.resultCount(); i++) {
            line.append(' ').append(format(type.result(i), values[i], refs[i]));
        }
        return line.toString();
    }

    private static String outcome(RuntimeException e) {
        if (e instanceof WasmExceptionPayload) return "exception";
        if (e instanceof TrapException trap) {
            return switch (trap.kind()) {
                case STACK_EXHAUSTED -> "exhausted";
                case UNCAUGHT_EXCEPTION -> "exception";
                default -> "trap " + trapKind(trap.kind()) + " | " + oneLine(trap.getMessage());
            };
        }
        return "error | " + oneLine(e.toString());
    }

    /** The kind names the JS harness maps V8's messages onto. */
    static String trapKind(TrapKind kind) {
        return switch (kind) {
            case UNREACHABLE -> "unreachable";
            case INTEGER_DIVIDE_BY_ZERO -> "div-zero";
            case INTEGER_OVERFLOW -> "int-overflow";
            case INVALID_CONVERSION_TO_INTEGER -> "invalid-conversion";
            case MEMORY_OUT_OF_BOUNDS -> "memory-oob";
            case TABLE_OUT_OF_BOUNDS, UNDEFINED_ELEMENT -> "table-oob";
            case UNINITIALIZED_ELEMENT, INDIRECT_CALL_TYPE_MISMATCH -> "indirect-call";
            case STACK_EXHAUSTED, UNCAUGHT_EXCEPTION, HOST_ERROR -> "other";
        };
    }

    /** A value as the trace writes it: integers as unsigned decimals, floats as raw bits in hex, any NaN as nan. */
    static String format(ValType type, long bits, Object ref) {
        return switch (type) {
            case I32 -> "i32:" + Integer.toUnsignedString((int) bits);
            case I64 -> "i64:" + Long.toUnsignedString(bits);
            case F32 -> Float.isNaN(Float.intBitsToFloat((int) bits)) ? "f32:nan" : "f32:" + Integer.toHexString((int) bits);
            case F64 -> Double.isNaN(Double.longBitsToDouble(bits)) ? "f64:nan" : "f64:" + Long.toHexString(bits);
            default -> "ref:" + (ref == null ? "null" : "nonnull");
        };
    }

    /** The logging functions binaryen's fuzzer imports, each writing a {@code log} line; nothing else links. */
    private static ImportResolver loggingImports(CompiledModule compiled, Consumer<String> emit) {
        Map<String, Extern> functions = new HashMap<>();
        for (Import anImport : compiled.module().imports()) {
            if (!anImport.module().equals(LOGGING_MODULE) || !(anImport.descriptor() instanceof ImportDescriptor.Function f)) continue;
            ValType logged = switch (anImport.name()) {
                case "log-i32" -> ValType.I32;
                case "log-i64" -> ValType.I64;
                case "log-f32" -> ValType.F32;
                case "log-f64" -> ValType.F64;
                default -> null;
            };
            FuncType type = compiled.module().types().get(f.typeIndex());
            if (logged == null || type.paramCount() == 0 || type.resultCount() != 0) continue;
            functions.put(anImport.name(), new HostFunctionInstance(anImport.name(), type, (caller, args) -> {
                emit.accept("log " + format(logged, args[0], null));
                return null;
            }));
        }
        return (module, name) -> module.equals(LOGGING_MODULE) ? functions.get(name) : null;
    }

    static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s+", " ");
    }

    private static long f32(float value) {
        return Float.floatToRawIntBits(value);
    }

    private static long f64(double value) {
        return Double.doubleToRawLongBits(value);
    }
}
