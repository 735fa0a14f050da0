package dev.beamr.engine.runtime;

import dev.beamr.engine.model.GlobalType;

/** A global variable: numeric values as raw bits in {@link #value}, references in {@link #ref}. */
public final class Global implements Extern {
    private final GlobalType type;
    private long value;
    private Object ref;

    public Global(GlobalType type, long value, Object ref) {
        this.type = type;
        this.value = value;
        this.ref = ref;
    }

    public GlobalType type() {
        return type;
    }

    public long value() {
        return value;
    }

    public void setValue(long value) {
        this.value = value;
    }

    public Object ref() {
        return ref;
    }

    public void setRef(Object ref) {
        this.ref = ref;
    }
}
