package dev.beamr.engine.compiler;

import dev.beamr.TrapException;
import dev.beamr.engine.Engine;
import dev.beamr.engine.interpreter.Interpreter;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.runtime.Instance;
import dev.beamr.engine.runtime.InstanceLimits;
import dev.beamr.testing.TestFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Frame mode (functions split into chunk methods) on compiler-chunks.wat, compiled with chunks so
 * small that branches, exception deliveries and returns leave their chunk: every call computes,
 * traps and names its function as the interpreter does. Chunk size 1 puts every instruction in a
 * chunk of its own.
 */
class ChunkedTranslationTest {
    private static final CompiledModule MODULE = Engine.compile(TestFiles.module("compiler-chunks"));

    /** Export and arguments of each call, made in this order (grow and rethrow depend on earlier calls). */
    private static final List<Object[]> CALLS = List.of(
            new Object[] {"loop", new int[] {0, 1, 2, 3, 10, 1_000}},
            new Object[] {"multi", new int[] {-5, 0, 3}},
            new Object[] {"refs", new int[] {0, 1}},
            new Object[] {"grow", new int[] {11, 12, 13}},
            new Object[] {"catch", new int[] {-7, 0, 8}},
            new Object[] {"rethrow", new int[] {5, 6}},
            new Object[] {"delegate", new int[] {21, -4}},
            new Object[] {"divide", new int[] {4, 0, -3}},
            new Object[] {"load", new int[] {16, -1}});

    @ParameterizedTest
    @ValueSource(ints = {1, 60, 400})
    void everyFunctionIsCompiledInChunks(int chunkSize) {
        CompiledCode code = ModuleCompiler.compileInChunks(MODULE, chunkSize);
        assertEquals(code.functionCount(), code.compiledCount());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 60, 400})
    void chunkedCodeComputesAndTrapsAsTheInterpreter(int chunkSize) {
        Engine chunked = new Engine(new CompiledExecution(ModuleCompiler.compileInChunks(MODULE, chunkSize), Interpreter.INSTANCE),
                InstanceLimits.DEFAULT);
        assertEquals(outcomes(new Engine().instantiate(MODULE, (module, name) -> null)),
                outcomes(chunked.instantiate(MODULE, (module, name) -> null)));
    }

    /** What each call of {@link #CALLS} gives: its results, or the kind of trap and the function named. */
    private static List<String> outcomes(Instance instance) {
        List<String> outcomes = new ArrayList<>();
        for (Object[] call : CALLS) {
            String export = (String) call[0];
            for (int argument : (int[]) call[1]) {
                String outcome;
                try {
                    outcome = Arrays.toString(Engine.invoke(instance, export, argument));
                } catch (TrapException trap) {
                    outcome = trap.kind() + " in " + trap.function();
                }
                outcomes.add(export + "(" + argument + ") = " + outcome);
            }
        }
        return outcomes;
    }
}
