package dev.beamr.wasi;

import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;

/**
 * One call into the provider: the program's state, the caller's memory and the raw arguments, read
 * according to the signature the module declared (a pointer or size is i32 in a 32-bit module and
 * i64 in a memory64 one).
 */
final class WasiCall {
    final WasiContext context;
    final GuestMemory memory;
    private final FuncType type;
    private final long[] arguments;

    WasiCall(WasiContext context, GuestMemory memory, FuncType type, long[] arguments) {
        this.context = context;
        this.memory = memory;
        this.type = type;
        this.arguments = arguments;
    }

    int i32(int index) {
        return (int) arguments[index];
    }

    long i64(int index) {
        return arguments[index];
    }

    /** A pointer or size argument, zero-extended when the module passes it as i32. */
    long address(int index) {
        return type.param(index) == ValType.I32 ? arguments[index] & 0xFFFF_FFFFL : arguments[index];
    }

    /** A size argument that must fit a Java array; larger ones fail with {@code errno}. */
    int length(int index, int errno) {
        long length = address(index);
        if (length < 0 || length > VirtualFile.MAX_SIZE) {
            throw new ErrnoException(errno, "length " + Long.toUnsignedString(length) + " is too large");
        }
        return (int) length;
    }
}
