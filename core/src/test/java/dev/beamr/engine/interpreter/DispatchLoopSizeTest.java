package dev.beamr.engine.interpreter;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.reflect.AccessFlag;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps {@code Interpreter.execute}, the dispatch loop, small enough for HotSpot's C2 to inline the
 * helpers it calls. C2 inlines into one compilation at most 8,000 bytes of bytecode in all
 * (DesiredMethodLimit, fixed in product JVMs), the loop's own bytes included; past that, helpers such
 * as the address computation of every memory access and the frame handling of calls become real
 * calls. With the loop at 7,310 bytes, -XX:+PrintInlining showed dozens of such failures and
 * matmul and nbody on 64-bit memory took 1.3 to 1.8 times as long; at 6,914 bytes some failures
 * remained; at 6,854 bytes there were none for any kernel. Those are the loop's own bytes; the size
 * this test counts adds, for each call the loop makes to the interpreter's own helpers, the helper's
 * bytes, since each inlined call site costs them again: 7,916 at 6,836 bytes of its own, where no
 * kernel's compilation failed an inline. An instruction added to the loop must make room by taking
 * bytes out elsewhere.
 */
class DispatchLoopSizeTest {
    /** A size, in bytes of bytecode, at which every kernel's compilation was seen to inline every helper. */
    private static final int LIMIT = 7_940;

    private static final String PACKAGE = "dev/beamr/engine/interpreter/";

    /** The classes of this package read so far, by internal name: the loop calls some helpers many times. */
    private final Map<String, ClassModel> classes = new HashMap<>();

    @Test
    void theDispatchLoopLeavesRoomForItsHelpersToBeInlined() {
        // The dispatch loop is the private static execute; the public one enters it.
        MethodModel loop = classNamed(PACKAGE + "Interpreter").methods().stream()
                .filter(method -> method.methodName().equalsString("execute") && method.flags().has(AccessFlag.STATIC))
                .findFirst().orElseThrow(() -> new AssertionError("Interpreter has no static method execute"));
        CodeAttribute code = loop.findAttribute(Attributes.code())
                .orElseThrow(() -> new AssertionError("execute has no code"));
        int size = code.codeLength();
        for (CodeElement element : code) {
            if (element instanceof InvokeInstruction call && call.owner().asInternalName().startsWith(PACKAGE)) {
                size += codeLength(call);
            }
        }
        assertTrue(size <= LIMIT, "Interpreter.execute and the helpers it calls are " + size
                + " bytes of bytecode, over " + LIMIT + ": C2 would stop inlining the helpers");
    }

    /** The code length of the method {@code call} names, a method of this package. */
    private int codeLength(InvokeInstruction call) {
        String owner = call.owner().asInternalName();
        return classNamed(owner).methods().stream()
                .filter(method -> method.methodName().equals(call.name()) && method.methodType().equals(call.type()))
                .findFirst().flatMap(method -> method.findAttribute(Attributes.code())).map(CodeAttribute::codeLength)
                .orElseThrow(() -> new AssertionError("no code for " + owner + "." + call.name().stringValue()));
    }

    /** The class of this package with internal name {@code name}, as its class file on the class path holds it. */
    private ClassModel classNamed(String name) {
        return classes.computeIfAbsent(name, key -> {
            try (InputStream in = Interpreter.class.getResourceAsStream(key.substring(PACKAGE.length()) + ".class")) {
                assertNotNull(in, key + " is not on the class path");
                return ClassFile.of().parse(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
