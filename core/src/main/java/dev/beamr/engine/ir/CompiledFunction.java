package dev.beamr.engine.ir;

import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;

/**
 * A validated function body in executable form (see the package documentation for the frame layout).
 *
 * @param index        the function's index in its module's function index space
 * @param name         a readable name for traps: from the name section, an export, or {@code func[N]}
 * @param type         the function's signature
 * @param localTypes   types of all locals, parameters first ({@code localTypes.length == localCount})
 * @param refLocals    indices of declared (non-parameter) locals of reference type, nulled on entry
 * @param frameSize    slots the frame needs: locals plus the maximum operand-stack height
 * @param code         the instructions, encoded as described in {@link Op}
 * @param handlers     exception handlers, innermost first (see {@link Handler})
 */
public record CompiledFunction(
        int index,
        String name,
        FuncType type,
        ValType[] localTypes,
        int[] refLocals,
        int frameSize,
        int[] code,
        Handler[] handlers) {

    public int localCount() {
        return localTypes.length;
    }
}
