package dev.beamr.engine.validation;

import java.util.Arrays;

/** A growable array of ints: the code being emitted and small lists of code positions. */
final class IntBuffer {
    private int[] values;
    private int size;

    IntBuffer(int capacity) {
        values = new int[Math.max(capacity, 4)];
    }

    int size() {
        return size;
    }

    void add(int value) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = value;
    }

    int get(int index) {
        return values[index];
    }

    void set(int index, int value) {
        values[index] = value;
    }

    void clear() {
        size = 0;
    }

    /** Drops the values from {@code newSize} on. */
    void truncate(int newSize) {
        size = newSize;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
