package dev.beamr.spec;

import dev.beamr.InvalidModuleException;
import dev.beamr.LinkException;
import dev.beamr.MalformedModuleException;
import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.ao.Json;
import dev.beamr.Mode;
import dev.beamr.engine.Engine;
import dev.beamr.engine.runtime.InstanceLimits;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.Extern;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.Global;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.WasmExceptionPayload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs one script of the suite through the engine: its commands in order, each judged passed,
 * failed or skipped. A failing command never stops the script; commands that use a module which
 * failed to load fail too, saying so.
 */
final class ScriptRunner {
    private static final Engine INTERPRETING = new Engine();
    private static final Engine COMPILING = Engine.compiling(InstanceLimits.DEFAULT);

    private final Engine engine;

    private static final String TEXT_MODULE = "text-format module (the engine reads only binaries)";

    /**
     * Rejections, by the script's text, that a proposal in Beamr's scope has since changed: with
     * multi-memory a module may have several memories (so it must load), and the reserved byte of a
     * memory or table instruction became a memory or table index (so the module is well-formed, and
     * valid only if that index exists). Such commands are checked against the newer rule instead.
     */
    private static final Set<String> SUPERSEDED_REJECTIONS = Set.of("multiple memories", "zero byte expected", "zero flag expected");

    private final SpecScript script;
    private final Path folder;
    private final Duration commandTimeout;

    /** Modules whose exports can be imported, by the name they were registered as. */
    private final Map<String, Map<String, Extern>> registered = new ConcurrentHashMap<>();
    /** Modules named in the script ({@code $name}). */
    private final Map<String, LoadedModule> named = new HashMap<>();
    private LoadedModule current;

    private int passed;
    private int failed;
    private int skipped;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> skipReasons = new TreeMap<>();

    /** A module a {@code module} command loaded, or why it could not be. */
    private record LoadedModule(int line, Instance instance, String failure) {}

    /** What a command observed: the results of an action, typed. */
    private record Results(ValType[] types, long[] values, Object[] refs) {}

    /** A command's expectation was not met; the message says what happened instead. */
    private static final class CommandFailure extends RuntimeException {
        CommandFailure(String message) {
            super(message, null, false, false);
        }
    }

    ScriptRunner(SpecScript script, Duration commandTimeout, Mode mode) {
        this.engine = mode == Mode.AOT ? COMPILING : INTERPRETING;
        this.script = script;
        this.folder = script.json().getParent();
        this.commandTimeout = commandTimeout;
        registered.put(SpectestModule.NAME, SpectestModule.create());
    }

    ScriptResult run() {
        List<Map<String, Object>> commands;
        try {
            commands = readCommands();
        } catch (IOException | RuntimeException e) {
            record(0, "script", Outcome.failed("cannot read " + script.json() + ": " + e.getMessage()));
            return result();
        }
        try (CommandGuard guard = new CommandGuard(script.id(), commandTimeout)) {
            for (Map<String, Object> command : commands) {
                int line = command.get("line") instanceof Long l ? l.intValue() : 0;
                String type = String.valueOf(command.get("type"));
                record(line, label(type, command), execute(guard, type, line, command));
            }
        }
        return result();
    }

    private List<Map<String, Object>> readCommands() throws IOException {
        Object json = Json.parse(Files.readString(script.json()));
        if (json instanceof Map<?, ?> root && root.get("commands") instanceof List<?> list) {
            List<Map<String, Object>> commands = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?>)) throw new ScriptFormatException("a command is not an object: " + item);
                @SuppressWarnings("unchecked")
                Map<String, Object> command = (Map<String, Object>) item;
                commands.add(command);
            }
            return commands;
        }
        throw new ScriptFormatException("no \"commands\" list");
    }

    private Outcome execute(CommandGuard guard, String type, int line, Map<String, Object> command) {
        return switch (type) {
            case "module" -> loadModule(guard, line, command);
            case "register" -> judged(() -> register(command));
            case "action" -> guarded(guard, () -> {
                perform(action(command));
                return Outcome.passed();
            });
            case "assert_return" -> guarded(guard, () -> assertReturn(command));
            case "assert_trap" -> guarded(guard, () -> command.containsKey("action")
                    ? expectTrap(() -> perform(action(command)), text(command), null)
                    : expectInstantiationTrap(command));
            case "assert_exhaustion" -> guarded(guard, () ->
                    expectTrap(() -> perform(action(command)), text(command), TrapKind.STACK_EXHAUSTED));
            case "assert_uninstantiable" -> guarded(guard, () -> expectInstantiationTrap(command));
            case "assert_exception" -> guarded(guard, () -> assertException(command));
            case "assert_invalid", "assert_malformed" -> {
                if ("text".equals(command.get("module_type"))) yield Outcome.skipped(TEXT_MODULE);
                if (SUPERSEDED_REJECTIONS.contains(command.get("text"))) yield guarded(guard, () -> assertSupersededRejection(command));
                yield guarded(guard, () -> type.equals("assert_invalid") ? assertInvalid(command) : assertMalformed(command));
            }
            case "assert_unlinkable" -> guarded(guard, () -> assertUnlinkable(command));
            default -> Outcome.failed("unknown command type");
        };
    }

    /** Runs engine work under the timeout guard. */
    private static Outcome guarded(CommandGuard guard, Supplier<Outcome> work) {
        return guard.run(() -> judged(work));
    }

    /** Runs a command's work, turning a missed expectation, a bad script or a crash into a failure. */
    private static Outcome judged(Supplier<Outcome> work) {
        try {
            return work.get();
        } catch (CommandFailure | ScriptValue.UnsupportedValueException e) {
            return Outcome.failed(e.getMessage());
        } catch (ScriptFormatException e) {
            return Outcome.failed("unreadable command: " + e.getMessage());
        } catch (Throwable t) {
            return Outcome.failed("unexpected " + Failures.describe(t));
        }
    }

    // ---- modules

    private Outcome loadModule(CommandGuard guard, int line, Map<String, Object> command) {
        LoadedModule[] loaded = new LoadedModule[1];
        Outcome outcome = guarded(guard, () -> {
            loaded[0] = new LoadedModule(line, instantiate(compile(command)), null);
            return Outcome.passed();
        });
        // Installed here rather than by the worker, so a module that timed out can never appear later.
        LoadedModule module = outcome.status() == Outcome.Status.PASSED
                ? loaded[0] : new LoadedModule(line, null, outcome.detail());
        current = module;
        if (command.get("name") instanceof String name) named.put(name, module);
        return outcome;
    }

    private Outcome register(Map<String, Object> command) {
        String as = string(command, "as");
        registered.put(as, instance((String) command.get("name")).exports());
        return Outcome.passed();
    }

    /** The named module, or the current one when {@code name} is null; a failure if it did not load. */
    private Instance instance(String name) {
        LoadedModule module = name == null ? current : named.get(name);
        if (module == null) throw new CommandFailure(name == null ? "no module has been loaded" : "no module named " + name);
        if (module.instance() == null) {
            throw new CommandFailure("uses the module from line " + module.line() + ", which failed to load: " + module.failure());
        }
        return module.instance();
    }

    private CompiledModule compile(Map<String, Object> command) {
        byte[] bytes;
        Path file = folder.resolve(string(command, "filename"));
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + file + ": " + e);
        }
        return Engine.compile(bytes);
    }

    private Instance instantiate(CompiledModule compiled) {
        return engine.instantiate(compiled, (module, name) -> {
            Map<String, Extern> exports = registered.get(module);
            return exports == null ? null : exports.get(name);
        });
    }


    // ---- actions

    private Map<String, Object> action(Map<String, Object> command) {
        if (command.get("action") instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> action = (Map<String, Object>) map;
            return action;
        }
        throw new ScriptFormatException("the command has no action");
    }

    private Results perform(Map<String, Object> action) {
        Instance instance = instance((String) action.get("module"));
        String field = string(action, "field");
        Extern export = instance.export(field);
        if (export == null) throw new CommandFailure("the module exports nothing named \"" + field + "\"");
        String kind = string(action, "type");
        return switch (kind) {
            case "invoke" -> {
                if (!(export instanceof FunctionInstance function)) throw new CommandFailure("export \"" + field + "\" is not a function");
                yield invoke(function, ScriptValue.parseAll(action.get("args")));
            }
            case "get" -> {
                if (!(export instanceof Global global)) throw new CommandFailure("export \"" + field + "\" is not a global");
                yield new Results(new ValType[] {global.type().type()}, new long[] {global.value()}, new Object[] {global.ref()});
            }
            default -> throw new ScriptFormatException("unknown action type " + kind);
        };
    }

    private static Results invoke(FunctionInstance function, List<ScriptValue> args) {
        FuncType type = function.type();
        if (args.size() != type.paramCount()) {
            throw new CommandFailure("the function " + type + " takes " + type.paramCount() + " arguments, the script passes " + args.size());
        }
        int slots = Math.max(type.paramCount(), type.resultCount());
        long[] values = new long[slots];
        Object[] refs = new Object[slots];
        for (int i = 0; i < args.size(); i++) {
            ScriptValue arg = args.get(i);
            if (arg.type() != type.param(i)) {
                throw new CommandFailure("argument " + i + " is " + arg.describe() + " but the function " + type + " takes " + type.param(i));
            }
            if (arg.type().isReference()) {
                refs[i] = arg.ref();
            } else {
                values[i] = arg.bits();
            }
        }
        function.invoke(null, values, refs);
        return new Results(type.results(), values, refs);
    }

    // ---- assertions

    private Outcome assertReturn(Map<String, Object> command) {
        List<ScriptValue> expected = ScriptValue.parseAll(command.get("expected"));
        expected.forEach(ScriptValue::requireSupported);
        Results actual = perform(action(command));
        if (actual.types().length != expected.size()) {
            return Outcome.failed("expected " + expected.size() + " results, got " + describe(actual));
        }
        for (int i = 0; i < expected.size(); i++) {
            ScriptValue want = expected.get(i);
            boolean sameType = want.type() == actual.types()[i];
            if (!sameType || !want.matches(actual.values()[i], actual.refs()[i])) {
                return Outcome.failed("expected " + describeAll(expected) + ", got " + describe(actual));
            }
        }
        return Outcome.passed();
    }

    /**
     * Expects a trap: of {@code kind} if given, and whose wording agrees with the script's text.
     * The suite's text is either a prefix of the trap's wording (the reference interpreter says
     * {@code unreachable} for {@code unreachable executed}) or the wording followed by a detail
     * ({@code uninitialized element 2}); both name the same trap.
     */
    private static Outcome expectTrap(Runnable work, String text, TrapKind kind) {
        try {
            work.run();
        } catch (TrapException trap) {
            String wording = trap.kind().message();
            if (kind != null && trap.kind() != kind) {
                return Outcome.failed("expected trap " + kind + ", got " + Failures.describe(trap));
            }
            if (!wording.startsWith(text) && !text.startsWith(wording)) {
                return Outcome.failed("expected a trap \"" + text + "\", got " + Failures.describe(trap));
            }
            return Outcome.passed();
        }
        return Outcome.failed("expected a trap \"" + text + "\", but nothing trapped");
    }

    /** The module must compile and link, then trap while instantiating (in a segment or its start function). */
    private Outcome expectInstantiationTrap(Map<String, Object> command) {
        CompiledModule compiled = compile(command);
        return expectTrap(() -> instantiate(compiled), text(command), null);
    }

    private Outcome assertException(Map<String, Object> command) {
        try {
            Results results = perform(action(command));
            return Outcome.failed("expected an uncaught wasm exception, got " + describe(results));
        } catch (WasmExceptionPayload expected) {
            return Outcome.passed();
        }
    }

    private Outcome assertInvalid(Map<String, Object> command) {
        try {
            compile(command);
        } catch (InvalidModuleException | MalformedModuleException expected) {
            return Outcome.passed();
        }
        return Outcome.failed("expected the module to be rejected as invalid (\"" + text(command) + "\"), but it compiled");
    }

    /**
     * See {@link #SUPERSEDED_REJECTIONS}: a module with several memories must load; one with a non-zero
     * or long-encoded reserved byte must load, be invalid for naming a missing memory or table, or be
     * malformed for another reason (some of these modules' sizes only fit the one-byte reading).
     */
    private Outcome assertSupersededRejection(Map<String, Object> command) {
        String text = text(command);
        try {
            compile(command);
            return Outcome.passed();
        } catch (InvalidModuleException e) {
            boolean unknownIndex = e.getMessage().startsWith("unknown memory") || e.getMessage().startsWith("unknown table");
            return !text.equals("multiple memories") && unknownIndex ? Outcome.passed()
                    : Outcome.failed("\"" + text + "\" no longer applies, so the module should load; got " + Failures.describe(e));
        } catch (MalformedModuleException e) {
            boolean aboutReservedByte = e.getMessage().contains("zero");
            return !text.equals("multiple memories") && !aboutReservedByte ? Outcome.passed()
                    : Outcome.failed("\"" + text + "\" no longer applies, but the module was rejected as malformed: " + Failures.describe(e));
        }
    }

    private Outcome assertMalformed(Map<String, Object> command) {
        try {
            compile(command);
        } catch (MalformedModuleException expected) {
            return Outcome.passed();
        } catch (InvalidModuleException e) {
            return Outcome.failed("expected a malformed module (\"" + text(command) + "\"), got " + Failures.describe(e));
        }
        return Outcome.failed("expected a malformed module (\"" + text(command) + "\"), but it compiled");
    }

    private Outcome assertUnlinkable(Map<String, Object> command) {
        CompiledModule compiled = compile(command);
        try {
            instantiate(compiled);
        } catch (LinkException expected) {
            return Outcome.passed();
        }
        return Outcome.failed("expected a link error (\"" + text(command) + "\"), but the module instantiated");
    }

    // ---- reporting

    private void record(int line, String label, Outcome outcome) {
        switch (outcome.status()) {
            case PASSED -> passed++;
            case SKIPPED -> {
                skipped++;
                skipReasons.merge(outcome.detail(), 1, Integer::sum);
            }
            case FAILED -> {
                failed++;
                failures.add(script.json().getFileName() + ":" + line + ": " + label + ": " + outcome.detail());
            }
        }
    }

    private ScriptResult result() {
        return new ScriptResult(script, passed, failed, skipped, List.copyOf(failures), Map.copyOf(skipReasons));
    }

    /** The command's type and what it acts on, e.g. {@code assert_return add} or {@code module i32.0.wasm}. */
    private static String label(String type, Map<String, Object> command) {
        if (command.get("action") instanceof Map<?, ?> action && action.get("field") != null) {
            return type + " \"" + action.get("field") + "\"";
        }
        if (command.get("filename") != null) return type + " " + command.get("filename");
        if (command.get("as") != null) return type + " as \"" + command.get("as") + "\"";
        return type;
    }

    private static String describe(Results results) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < results.types().length; i++) {
            parts.add(ScriptValue.describe(results.types()[i], results.values()[i], results.refs()[i]));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    private static String describeAll(List<ScriptValue> values) {
        return "[" + String.join(", ", values.stream().map(ScriptValue::describe).toList()) + "]";
    }

    private static String text(Map<String, Object> command) {
        return string(command, "text");
    }

    private static String string(Map<String, Object> map, String key) {
        if (map.get(key) instanceof String s) return s;
        throw new ScriptFormatException("the command has no \"" + key + "\"");
    }
}
