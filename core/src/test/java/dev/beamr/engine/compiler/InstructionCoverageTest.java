package dev.beamr.engine.compiler;

import dev.beamr.engine.ir.Op;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every instruction of the intermediate form has a translation, so that a function using a new
 * instruction is not silently left to the interpreter; only tail calls are (the JVM cannot replace
 * a frame).
 */
class InstructionCoverageTest {
    @Test
    void everyInstructionButTheTailCallsIsTranslated() {
        List<String> untranslated = new ArrayList<>();
        for (int op = 0; op < Op.COUNT; op++) {
            if (!FunctionTranslator.translates(op)) untranslated.add(Op.name(op));
        }
        assertEquals(List.of("RETURN_CALL", "RETURN_CALL_INDIRECT"), untranslated);
    }

    @Test
    void opcodesOutsideTheInstructionSetAreNotTranslated() {
        assertFalse(FunctionTranslator.translates(-1));
        assertFalse(FunctionTranslator.translates(Op.COUNT));
    }
}
