package dev.beamr.engine.interpreter;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.reflect.AccessFlag;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps {@code Interpreter.execute}, the dispatch loop, small enough for HotSpot's C2 to inline the
 * helpers it calls. C2 inlines into one compilation at most 8,000 bytes of bytecode in all
 * (DesiredMethodLimit, fixed in product JVMs), the loop's own bytes included; past that, helpers such
 * as the address computation of every memory access and the frame handling of calls become real
 * calls. With the loop at 7,310 bytes, -XX:+PrintInlining showed dozens of such failures and
 * matmul and nbody on 64-bit memory took 1.3 to 1.8 times as long; at 6,914 bytes some failures
 * remained; at 6,854 bytes there were none for any kernel. An instruction added to the loop must
 * make room by taking bytes out elsewhere.
 */
class DispatchLoopSizeTest {
    /** A size, in bytes of bytecode, at which every kernel's compilation was seen to inline every helper. */
    private static final int LIMIT = 6_860;

    @Test
    void theDispatchLoopLeavesRoomForItsHelpersToBeInlined() throws IOException {
        byte[] bytes;
        try (InputStream in = Interpreter.class.getResourceAsStream("Interpreter.class")) {
            assertNotNull(in, "Interpreter.class is not on the class path");
            bytes = in.readAllBytes();
        }
        ClassModel model = ClassFile.of().parse(bytes);
        // The dispatch loop is the private static execute; the public one enters it.
        MethodModel loop = model.methods().stream()
                .filter(method -> method.methodName().equalsString("execute") && method.flags().has(AccessFlag.STATIC))
                .findFirst().orElseThrow(() -> new AssertionError("Interpreter has no static method execute"));
        int size = loop.findAttribute(Attributes.code()).map(CodeAttribute::codeLength)
                .orElseThrow(() -> new AssertionError("execute has no code"));
        assertTrue(size <= LIMIT, "Interpreter.execute is " + size + " bytes of bytecode, over " + LIMIT
                + ": C2 would stop inlining the helpers it calls");
    }
}
