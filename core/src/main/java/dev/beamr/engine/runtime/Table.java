package dev.beamr.engine.runtime;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.model.TableType;

import java.util.Arrays;

/** A table of references: {@link FunctionInstance}s for funcref tables, any object for externref. */
public final class Table implements Extern {
    /** Elements a table may reach unless the module or the host sets a lower bound. */
    public static final long DEFAULT_MAX_ELEMENTS = 10_000_000;

    private final TableType type;
    private final long maxSize;
    private Object[] elements;
    private int size;

    public Table(TableType type, Object initial, long maxSize) {
        this.type = type;
        long declaredMax = type.limits().hasMax() ? type.limits().max() : Long.MAX_VALUE;
        this.maxSize = Math.min(Math.min(declaredMax, maxSize), Integer.MAX_VALUE - 8);
        long min = type.limits().min();
        if (min > this.maxSize) {
            throw new TrapException(TrapKind.TABLE_OUT_OF_BOUNDS, null,
                    "initial size of " + min + " elements exceeds the limit of " + this.maxSize, null);
        }
        this.size = (int) min;
        this.elements = new Object[size];
        if (initial != null) Arrays.fill(elements, initial);
    }

    public Table(TableType type, Object initial) {
        this(type, initial, DEFAULT_MAX_ELEMENTS);
    }

    public TableType type() {
        return type;
    }

    public int size() {
        return size;
    }

    public long maxSize() {
        return maxSize;
    }

    /** The element at an unsigned index; traps when out of bounds. */
    public Object get(int index) {
        if (Integer.compareUnsigned(index, size) >= 0) throw outOfBounds(index, 1);
        return elements[index];
    }

    public void set(int index, Object value) {
        if (Integer.compareUnsigned(index, size) >= 0) throw outOfBounds(index, 1);
        elements[index] = value;
    }

    /** The element for {@code call_indirect}, or the undefined-element trap; null means uninitialized. */
    public Object getForCall(int index) {
        if (Integer.compareUnsigned(index, size) >= 0) {
            throw new TrapException(TrapKind.UNDEFINED_ELEMENT, null);
        }
        return elements[index];
    }

    /** Grows by {@code delta} (unsigned) elements set to {@code init}; returns the old size or -1. */
    public int grow(int delta, Object init) {
        int old = size;
        long newSize = (long) old + Integer.toUnsignedLong(delta);
        if (newSize > maxSize) return -1;
        if (newSize > elements.length) {
            long capacity = Math.min(Math.max(newSize, (long) elements.length * 2), maxSize);
            elements = Arrays.copyOf(elements, (int) capacity);
        }
        Arrays.fill(elements, old, (int) newSize, init);
        size = (int) newSize;
        return old;
    }

    public void fill(int index, Object value, int length) {
        checkRange(index, length);
        Arrays.fill(elements, index, index + length, value);
    }

    /** Copies {@code length} elements from {@code source} into this table, overlap-safe. */
    public void copyFrom(Table source, int sourceIndex, int destinationIndex, int length) {
        source.checkRange(sourceIndex, length);
        checkRange(destinationIndex, length);
        System.arraycopy(source.elements, sourceIndex, elements, destinationIndex, length);
    }

    /** Writes {@code items[from .. from+length)} at {@code index}, checking both ranges first. */
    public void init(int index, Object[] items, int from, int length) {
        if (Integer.toUnsignedLong(from) + Integer.toUnsignedLong(length) > items.length) throw outOfBounds(from, length);
        checkRange(index, length);
        System.arraycopy(items, from, elements, index, length);
    }

    private void checkRange(int index, int length) {
        if (Integer.toUnsignedLong(index) + Integer.toUnsignedLong(length) > size) throw outOfBounds(index, length);
    }

    private TrapException outOfBounds(int index, int length) {
        return new TrapException(TrapKind.TABLE_OUT_OF_BOUNDS, null,
                "access of " + Integer.toUnsignedString(length) + " elements at " + Integer.toUnsignedString(index)
                        + " in a table of " + size, null);
    }
}
