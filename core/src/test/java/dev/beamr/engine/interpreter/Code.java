package dev.beamr.engine.interpreter;

import java.util.Arrays;

/** Assembles intermediate code: instruction words in order, with offsets to patch jump targets. */
final class Code {
    private int[] words = new int[32];
    private int size;

    /** Appends an instruction (opcode and immediates). */
    Code op(int... instruction) {
        if (size + instruction.length > words.length) words = Arrays.copyOf(words, Math.max(words.length * 2, size + instruction.length));
        System.arraycopy(instruction, 0, words, size, instruction.length);
        size += instruction.length;
        return this;
    }

    /** The offset the next instruction will have. */
    int here() {
        return size;
    }

    void patch(int offset, int value) {
        words[offset] = value;
    }

    int[] build() {
        return Arrays.copyOf(words, size);
    }
}
