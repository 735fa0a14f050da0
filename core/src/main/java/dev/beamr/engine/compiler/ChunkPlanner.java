package dev.beamr.engine.compiler;

import dev.beamr.engine.ir.Op;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a function too large for one JVM method into chunks for frame mode (see
 * {@link FunctionTranslator}): consecutive ranges of instructions, each small enough that the JIT
 * compiles its method. A chunk's translation depends only on its own range (which offsets are
 * entered from outside, which are left to), so each range is translated and measured: it is
 * guessed from the bytes per instruction word of the chunk before, and shrunk until its method fits.
 */
final class ChunkPlanner {
    private ChunkPlanner() {}

    /** The bytes of bytecode a chunk aims at by default, leaving room below {@link #LARGEST_CHUNK}. */
    static final int CHUNK_SIZE = 5_000;
    /**
     * A chunk's method may grow a little in the module's class (wider constant indices); this bound
     * keeps it below {@link ModuleCompiler#LARGEST_METHOD}.
     */
    private static final int LARGEST_CHUNK = 7_000;
    /** Bytes of frame-mode bytecode per word of intermediate form, before any chunk was measured. */
    private static final double FIRST_GUESS = 5;

    /**
     * The offsets where the chunks of defined function {@code defined} start (the first at 0,
     * ascending), or null when it cannot be split: a single instruction translates too large.
     */
    static int[] plan(ModuleShape shape, int defined) {
        int[] code = shape.module.functions()[defined].code();
        int[] offsets = offsets(code);
        List<Integer> starts = new ArrayList<>();
        double bytesPerWord = FIRST_GUESS;
        int start = 0;
        while (start < code.length) {
            int end = boundaryFrom(offsets, code.length, start + (int) (shape.chunkSize / bytesPerWord), start);
            int size;
            while ((size = size(shape, defined, start, end)) > LARGEST_CHUNK) {
                int smallest = boundaryFrom(offsets, code.length, start + 1, start);
                if (end == smallest) return null;
                double shrink = size == Integer.MAX_VALUE ? 0.5 : 0.9 * shape.chunkSize / size;
                end = Math.min(boundaryFrom(offsets, code.length, start + (int) ((end - start) * shrink), start),
                        boundaryBefore(offsets, end));
                end = Math.max(end, smallest);
            }
            bytesPerWord = (double) size / (end - start);
            starts.add(start);
            start = end;
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int size(ModuleShape shape, int defined, int start, int end) {
        return ModuleCompiler.methodSize(shape, FunctionTranslator.chunkName(shape.importedFunctions + defined, 0),
                FunctionTranslator.CHUNK_TYPE, body -> FunctionTranslator.translateChunk(shape, defined, start, end, body));
    }

    private static int[] offsets(int[] code) {
        int count = 0;
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) count++;
        int[] offsets = new int[count];
        int i = 0;
        for (int pc = 0; pc < code.length; pc += Op.length(code, pc)) offsets[i++] = pc;
        return offsets;
    }

    /** The first instruction offset at or after {@code wanted} and after {@code start}, or the code's length. */
    private static int boundaryFrom(int[] offsets, int length, int wanted, int start) {
        int at = Arrays.binarySearch(offsets, Math.max(wanted, start + 1));
        if (at < 0) at = -at - 1;
        return at < offsets.length ? offsets[at] : length;
    }

    /** The last instruction offset before {@code end}. */
    private static int boundaryBefore(int[] offsets, int end) {
        int at = Arrays.binarySearch(offsets, end);
        if (at < 0) at = -at - 1;
        return offsets[at - 1];
    }
}
