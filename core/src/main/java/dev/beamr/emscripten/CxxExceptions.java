package dev.beamr.emscripten;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.runtime.FunctionInstance;
import dev.beamr.engine.runtime.HostFunction;
import dev.beamr.engine.runtime.Instance;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * C++ exceptions the way emscripten's JavaScript glue implements them when a module is built
 * without wasm exception handling: {@code __cxa_throw} unwinds to the nearest {@code invoke_*}
 * trampoline, and the landing pad then asks {@code __cxa_find_matching_catch_N} which of its catch
 * clauses takes the exception. The exception's header ({@code __cxa_exception}) sits just below
 * the thrown object: reference count, type, destructor, caught and rethrown flags, adjusted
 * pointer, padding — each field a pointer wide, the flags two bytes.
 *
 * <p>One instance of this class holds one module instance's exceptions in flight.
 */
final class CxxExceptions {
    private final EnvImports imports;
    private final Deque<Long> caught = new ArrayDeque<>();
    private long last;
    private int uncaught;

    CxxExceptions(EnvImports imports) {
        this.imports = imports;
    }

    /** The function {@code name}, or null when it is not part of the glue's C++ exception support. */
    HostFunction body(String name, FuncType type) {
        String qualified = EnvImports.MODULE + "." + name;
        if (name.startsWith("__cxa_find_matching_catch_")) {
            return (caller, args) -> Abi.answer(type, findMatchingCatch(caller, qualified, type, args));
        }
        return switch (name) {
            case "__cxa_throw" -> (caller, args) -> {
                Header header = new Header(caller, qualified, Abi.unsigned(type, args, 0));
                header.setAdjustedPointer(0);
                header.setType(Abi.unsigned(type, args, 1));
                header.setDestructor(Abi.unsigned(type, args, 2));
                last = header.exception;
                uncaught++;
                throw GlueThrow.cxxException(qualified, last);
            };
            case "__cxa_begin_catch" -> (caller, args) -> {
                Header header = new Header(caller, qualified, Abi.unsigned(type, args, 0));
                if (!header.caught()) {
                    header.setCaught(true);
                    uncaught--;
                }
                header.setRethrown(false);
                caught.push(header.exception);
                call(caller, qualified, "__cxa_increment_exception_refcount", header.exception);
                boolean pointerType = call(caller, qualified, "__cxa_is_pointer_type", header.type()) != 0;
                return Abi.answer(type, header.thrownObject(pointerType));
            };
            case "__cxa_end_catch" -> (caller, args) -> {
                RuntimeExports exports = imports.exportsOf(caller);
                FunctionInstance setThrew = exports.optional("setThrew");
                if (setThrew != null) setThrew.call(0, 0);
                Long exception = caught.poll();
                if (exception != null) call(caller, qualified, "__cxa_decrement_exception_refcount", exception);
                last = 0;
                return Abi.zeros(type);
            };
            case "__cxa_rethrow" -> (caller, args) -> {
                Long exception = caught.poll();
                if (exception == null) {
                    throw new TrapException(TrapKind.HOST_ERROR, qualified, "there is no caught exception to rethrow", null);
                }
                Header header = new Header(caller, qualified, exception);
                if (!header.rethrown()) {
                    caught.push(exception);
                    header.setRethrown(true);
                    header.setCaught(false);
                    uncaught++;
                }
                last = exception;
                throw GlueThrow.cxxException(qualified, exception);
            };
            case "__resumeException" -> (caller, args) -> {
                if (last == 0) last = Abi.unsigned(type, args, 0);
                throw GlueThrow.cxxException(qualified, last);
            };
            case "llvm_eh_typeid_for" -> (caller, args) -> Abi.answer(type, args[0]);
            case "__cxa_uncaught_exceptions" -> (caller, args) -> Abi.answer(type, uncaught);
            default -> null;
        };
    }

    /**
     * The exception in flight, after storing in the module's "tempRet0" which catch clause (a type
     * among {@code args}) takes it: the first that can, else the thrown type itself.
     */
    private long findMatchingCatch(Instance caller, String function, FuncType type, long[] args) {
        if (last == 0) {
            setTempRet0(caller, function, 0);
            return 0;
        }
        Header header = new Header(caller, function, last);
        header.setAdjustedPointer(last);
        long thrownType = header.type();
        if (thrownType == 0) {
            setTempRet0(caller, function, 0);
            return last;
        }
        for (int i = 0; i < args.length; i++) {
            long caughtType = Abi.unsigned(type, args, i);
            if (caughtType == 0 || caughtType == thrownType) break;
            long canCatch = call(caller, function, "__cxa_can_catch", caughtType, thrownType, header.adjustedPointerAddress());
            if (canCatch != 0) {
                setTempRet0(caller, function, caughtType);
                return last;
            }
        }
        setTempRet0(caller, function, thrownType);
        return last;
    }

    private void setTempRet0(Instance caller, String function, long value) {
        call(caller, function, "_emscripten_tempret_set", value);
    }

    /** Calls the module's export {@code name} with {@code args} as its parameter types need; returns its first result. */
    private long call(Instance caller, String function, String name, long... args) {
        FunctionInstance export = imports.exportsOf(caller).optional(name);
        if (export == null || export.type().paramCount() != args.length) {
            throw new TrapException(TrapKind.HOST_ERROR, function,
                    "C++ exceptions need the module to export " + name + " taking " + args.length + " arguments", null);
        }
        long[] results = export.call(args);
        return results.length == 0 ? 0 : results[0];
    }

    /** The {@code __cxa_exception} header of the exception object at {@code exception}. */
    private static final class Header {
        private final CallerMemory memory;
        private final long exception;
        private final long start;
        private final int word;

        Header(Instance caller, String function, long exception) {
            this.memory = CallerMemory.of(caller, function);
            this.exception = exception;
            this.word = memory.is64() ? 8 : 4;
            this.start = exception - 6L * word;
        }

        long type() {
            return readWord(word);
        }

        void setType(long type) {
            writeWord(word, type);
        }

        void setDestructor(long destructor) {
            writeWord(2L * word, destructor);
        }

        boolean caught() {
            return readByte(3L * word) != 0;
        }

        void setCaught(boolean value) {
            writeByte(3L * word, value);
        }

        boolean rethrown() {
            return readByte(3L * word + 1) != 0;
        }

        void setRethrown(boolean value) {
            writeByte(3L * word + 1, value);
        }

        long adjustedPointerAddress() {
            return start + 4L * word;
        }

        void setAdjustedPointer(long pointer) {
            writeWord(4L * word, pointer);
        }

        /** What a catch clause receives: the pointer thrown for a pointer type, else the adjusted pointer or the object. */
        long thrownObject(boolean pointerType) {
            if (pointerType) return readWord(exception - start);
            long adjusted = readWord(4L * word);
            return adjusted != 0 ? adjusted : exception;
        }

        private long readWord(long offset) {
            return word == 8 ? memory.readLong(start + offset) : memory.readInt(start + offset) & 0xFFFF_FFFFL;
        }

        private void writeWord(long offset, long value) {
            if (word == 8) memory.writeLong(start + offset, value);
            else memory.writeInt(start + offset, (int) value);
        }

        private int readByte(long offset) {
            return memory.readByte(start + offset);
        }

        private void writeByte(long offset, boolean value) {
            memory.writeByte(start + offset, value ? 1 : 0);
        }
    }
}
