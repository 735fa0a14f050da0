package dev.beamr.fuzz;

import dev.beamr.BeamrException;
import dev.beamr.InvalidModuleException;
import dev.beamr.MalformedModuleException;
import dev.beamr.engine.Engine;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-made hostile binaries: each must be rejected with a typed error (or, when it is in fact
 * valid, accepted) within {@link #TIME_BOUND} and without allocating more than a small multiple of
 * its own size.
 */
class HostileModulesTest {
    private static final Duration TIME_BOUND = Duration.ofSeconds(15);
    /** Allocation allowed per input byte, on top of {@link #ALLOCATION_FLOOR}. */
    private static final long ALLOCATION_PER_BYTE = 512;
    private static final long ALLOCATION_FLOOR = 64L << 20;
    private static final long U32_MAX = 0xFFFF_FFFFL;

    /** {@code (func (export "run") (result i32) i32.const 7)}: a small valid module to damage. */
    private static byte[] validModule() {
        byte[] type = {1, 0x60, 0, 1, 0x7F};
        return new ModuleWriter()
                .section(ModuleWriter.TYPE, type)
                .section(ModuleWriter.FUNCTION, ModuleWriter.functionSection(1))
                .section(ModuleWriter.EXPORT, ModuleWriter.exportFunctionZero("run"))
                .section(ModuleWriter.CODE, ModuleWriter.codeSection(1, new byte[] {0, 0x41, 7, 0x0B}))
                .toBytes();
    }

    @Test
    void theUndamagedModuleIsAccepted() {
        assertEquals(new ModuleExerciser.Progress(ModuleExerciser.Stage.CALL, true, 1),
                ModuleExerciser.exercise(validModule(), ModuleExerciser.StageListener.NONE));
    }

    @Test
    void everyTruncationInsideTheHeaderOrASectionIsMalformed() {
        byte[] module = validModule();
        // Cutting between sections leaves a well-formed prefix, so only cuts inside one are tested.
        Set<Integer> sectionBoundaries = new HashSet<>(Set.of(ModuleWriter.HEADER.length));
        Sections.of(module).list().forEach(section -> sectionBoundaries.add(section.end()));
        for (int length = 0; length < module.length; length++) {
            if (sectionBoundaries.contains(length)) continue;
            assertRejected("truncated to " + length + " bytes", Arrays.copyOf(module, length), MalformedModuleException.class);
        }
    }

    @Test
    void overlongAndOversizedLeb128sAreMalformed() {
        // A section size padded to six bytes: longer than any u32 may be.
        assertRejected("six-byte section size", new ModuleWriter()
                .raw((byte) ModuleWriter.TYPE).raw(Leb128.unsigned(1, 6)).raw((byte) 0).toBytes(), MalformedModuleException.class);
        // Five bytes whose last carries bits above 2^32.
        assertRejected("u32 above 2^32", new ModuleWriter()
                .raw((byte) ModuleWriter.TYPE, (byte) 5, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F).toBytes(),
                MalformedModuleException.class);
        // A LEB128 that never ends before the input does.
        byte[] endless = new byte[64];
        Arrays.fill(endless, (byte) 0x80);
        assertRejected("unterminated LEB128", new ModuleWriter().raw((byte) ModuleWriter.TYPE).raw(endless).toBytes(),
                MalformedModuleException.class);
        // An i32.const whose signed LEB128 runs to ten bytes.
        byte[] longConst = {0, 0x41, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00, 0x0B};
        assertRejected("ten-byte i32.const", functionModule(1, longConst), MalformedModuleException.class);
    }

    @Test
    void absurdVectorCountsWithNothingBehindThemAreMalformed() {
        byte[] maxCount = Leb128.unsigned(U32_MAX);
        for (int section : new int[] {ModuleWriter.TYPE, ModuleWriter.IMPORT, ModuleWriter.FUNCTION, ModuleWriter.MEMORY,
                ModuleWriter.GLOBAL, ModuleWriter.EXPORT, ModuleWriter.CODE, ModuleWriter.DATA}) {
            assertRejected("section " + section + " counting 2^32-1 items",
                    new ModuleWriter().section(section, maxCount).toBytes(), BeamrException.class);
        }
        // Inside a body: 2^32-1 locals, and a br_table with 2^32-1 targets.
        byte[] manyLocals = concat(new byte[] {1}, maxCount, new byte[] {0x7F, 0x0B});
        assertRejected("2^32-1 locals", functionModule(1, manyLocals), BeamrException.class);
        byte[] hugeBrTable = concat(new byte[] {0, 0x41, 0, 0x0E}, maxCount, new byte[] {0, 0x0B});
        assertRejected("br_table with 2^32-1 targets", functionModule(1, hugeBrTable), BeamrException.class);
        // Local groups that each stay below 2^32 but together exceed it.
        byte[] groupsOverflow = concat(new byte[] {2}, maxCount, new byte[] {0x7F}, maxCount, new byte[] {0x7E, 0x0B});
        assertRejected("local groups summing past 2^32", functionModule(1, groupsOverflow), BeamrException.class);
    }

    @Test
    void sectionsClaimingMoreBytesThanTheFileHoldsAreMalformed() {
        assertRejected("custom section of 2^32-1 bytes", new ModuleWriter()
                .raw((byte) 0).raw(Leb128.unsigned(U32_MAX)).raw((byte) 1, (byte) 'x').toBytes(), MalformedModuleException.class);
        assertRejected("code section of 2^31 bytes", new ModuleWriter()
                .section(ModuleWriter.TYPE, ModuleWriter.voidTypeSection())
                .section(ModuleWriter.FUNCTION, ModuleWriter.functionSection(1))
                .raw((byte) ModuleWriter.CODE).raw(Leb128.unsigned(1L << 31)).raw((byte) 1).toBytes(), MalformedModuleException.class);
    }

    @Test
    void aLargeCustomSectionIsAccepted() {
        byte[] body = new byte[16 << 20];
        body[0] = 4;
        System.arraycopy("huge".getBytes(), 0, body, 1, 4);
        assertAcceptedOrRejected("16 MiB custom section", new ModuleWriter().section(0, body).toBytes());
    }

    @Test
    void deeplyNestedBlocks() {
        int depth = 100_000;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        for (int i = 0; i < depth; i++) body.writeBytes(new byte[] {0x02, 0x40});
        for (int i = 0; i < depth; i++) body.write(0x0B);
        body.write(0x0B);
        assertAcceptedOrRejected(depth + " nested blocks", functionModule(1, body.toByteArray()));

        byte[] unclosed = Arrays.copyOf(body.toByteArray(), 1 + 2 * depth);
        assertRejected(depth + " nested blocks never closed", functionModule(1, unclosed), BeamrException.class);
    }

    @Test
    void aHundredThousandLocals() {
        byte[] body = concat(new byte[] {1}, Leb128.unsigned(100_000), new byte[] {0x7E, 0x0B});
        assertAcceptedOrRejected("100,000 locals", functionModule(1, body));
        ByteArrayOutputStream groups = new ByteArrayOutputStream();
        Leb128.writeUnsigned(groups, 100_000);
        for (int i = 0; i < 100_000; i++) groups.writeBytes(new byte[] {1, 0x7C});
        groups.write(0x0B);
        assertAcceptedOrRejected("100,000 one-local groups", functionModule(1, groups.toByteArray()));
    }

    @Test
    void aMillionFunctions() {
        assertAcceptedOrRejected("1,000,000 functions", functionModule(1_000_000, new byte[] {0, 0x0B}));
        byte[] declaredOnly = new ModuleWriter()
                .section(ModuleWriter.TYPE, ModuleWriter.voidTypeSection())
                .section(ModuleWriter.FUNCTION, ModuleWriter.functionSection(1_000_000))
                .toBytes();
        assertRejected("1,000,000 functions without bodies", declaredOnly, BeamrException.class);
    }

    /** {@code count} functions of type {@code () -> ()} with the same body, the first exported as "run". */
    private static byte[] functionModule(int count, byte[] body) {
        return new ModuleWriter()
                .section(ModuleWriter.TYPE, ModuleWriter.voidTypeSection())
                .section(ModuleWriter.FUNCTION, ModuleWriter.functionSection(count))
                .section(ModuleWriter.EXPORT, ModuleWriter.exportFunctionZero("run"))
                .section(ModuleWriter.CODE, ModuleWriter.codeSection(count, body))
                .toBytes();
    }

    private static void assertRejected(String what, byte[] module, Class<? extends BeamrException> expected) {
        withinBounds(what, module, () -> {
            BeamrException e = assertThrows(BeamrException.class, () -> Engine.compile(module), what);
            assertInstanceOf(expected, e, what + ": " + e);
            assertTrue(e instanceof MalformedModuleException || e instanceof InvalidModuleException,
                    what + " should be malformed or invalid, was " + e);
        });
    }

    /** Exercised fully (compile, instantiate, call): every stage may end only in a typed error. */
    private static void assertAcceptedOrRejected(String what, byte[] module) {
        withinBounds(what, module, () -> ModuleExerciser.exercise(module, ModuleExerciser.StageListener.NONE));
    }

    private static void withinBounds(String what, byte[] module, Runnable check) {
        long allowed = ALLOCATION_FLOOR + ALLOCATION_PER_BYTE * module.length;
        long allocated = assertTimeoutPreemptively(TIME_BOUND, () -> {
            long before = allocatedByThisThread();
            check.run();
            return allocatedByThisThread() - before;
        }, what);
        assertTrue(allocated <= allowed, what + ": allocated " + (allocated >> 20) + " MiB for a "
                + module.length + "-byte module (allowed " + (allowed >> 20) + " MiB)");
    }

    private static long allocatedByThisThread() {
        try {
            return (long) CURRENT_THREAD_ALLOCATED_BYTES.invoke(THREAD_BEAN);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read this thread's allocation counter", e);
        }
    }

    // Reached by reflection: the tests run inside module dev.beamr, which does not read the management modules.
    private static final Object THREAD_BEAN;
    private static final Method CURRENT_THREAD_ALLOCATED_BYTES;

    static {
        try {
            THREAD_BEAN = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            CURRENT_THREAD_ALLOCATED_BYTES = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }
}
