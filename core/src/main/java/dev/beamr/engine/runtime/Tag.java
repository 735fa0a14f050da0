package dev.beamr.engine.runtime;

import dev.beamr.engine.model.FuncType;

/** An exception tag: identity is what matters, so catching compares tags with {@code ==}. */
public final class Tag implements Extern {
    private final FuncType type;

    public Tag(FuncType type) {
        this.type = type;
    }

    /** The payload's types are the parameters; there are no results. */
    public FuncType type() {
        return type;
    }
}
