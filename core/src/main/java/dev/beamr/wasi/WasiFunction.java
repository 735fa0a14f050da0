package dev.beamr.wasi;

import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The preview1 functions this provider implements: each one's import name (the constant's name in
 * lower case), parameters and implementation. Every one returns an errno as i32, except
 * {@code proc_exit}, which returns nothing.
 */
enum WasiFunction {
    ARGS_GET(ProcessCalls::argsGet, Param.ADDRESS, Param.ADDRESS),
    ARGS_SIZES_GET(ProcessCalls::argsSizesGet, Param.ADDRESS, Param.ADDRESS),
    ENVIRON_GET(ProcessCalls::environGet, Param.ADDRESS, Param.ADDRESS),
    ENVIRON_SIZES_GET(ProcessCalls::environSizesGet, Param.ADDRESS, Param.ADDRESS),
    CLOCK_RES_GET(ProcessCalls::clockResGet, Param.I32, Param.ADDRESS),
    CLOCK_TIME_GET(ProcessCalls::clockTimeGet, Param.I32, Param.I64, Param.ADDRESS),
    RANDOM_GET(ProcessCalls::randomGet, Param.ADDRESS, Param.ADDRESS),
    SCHED_YIELD(ProcessCalls::schedYield),
    PROC_EXIT(ProcessCalls::procExit, false, Param.I32),
    POLL_ONEOFF(PollCalls::pollOneoff, Param.ADDRESS, Param.ADDRESS, Param.ADDRESS, Param.ADDRESS),
    FD_READ(DescriptorCalls::fdRead, Param.I32, Param.ADDRESS, Param.ADDRESS, Param.ADDRESS),
    FD_PREAD(DescriptorCalls::fdPread, Param.I32, Param.ADDRESS, Param.ADDRESS, Param.I64, Param.ADDRESS),
    FD_WRITE(DescriptorCalls::fdWrite, Param.I32, Param.ADDRESS, Param.ADDRESS, Param.ADDRESS),
    FD_PWRITE(DescriptorCalls::fdPwrite, Param.I32, Param.ADDRESS, Param.ADDRESS, Param.I64, Param.ADDRESS),
    FD_SEEK(DescriptorCalls::fdSeek, Param.I32, Param.I64, Param.I32, Param.ADDRESS),
    FD_TELL(DescriptorCalls::fdTell, Param.I32, Param.ADDRESS),
    FD_CLOSE(DescriptorCalls::fdClose, Param.I32),
    FD_FDSTAT_GET(DescriptorCalls::fdFdstatGet, Param.I32, Param.ADDRESS),
    FD_FDSTAT_SET_FLAGS(DescriptorCalls::fdFdstatSetFlags, Param.I32, Param.I32),
    FD_FILESTAT_GET(DescriptorCalls::fdFilestatGet, Param.I32, Param.ADDRESS),
    FD_PRESTAT_GET(DescriptorCalls::fdPrestatGet, Param.I32, Param.ADDRESS),
    FD_PRESTAT_DIR_NAME(DescriptorCalls::fdPrestatDirName, Param.I32, Param.ADDRESS, Param.ADDRESS),
    FD_READDIR(DescriptorCalls::fdReaddir, Param.I32, Param.ADDRESS, Param.ADDRESS, Param.I64, Param.ADDRESS),
    PATH_OPEN(PathCalls::pathOpen, Param.I32, Param.I32, Param.ADDRESS, Param.ADDRESS, Param.I32, Param.I64,
            Param.I64, Param.I32, Param.ADDRESS),
    PATH_FILESTAT_GET(PathCalls::pathFilestatGet, Param.I32, Param.I32, Param.ADDRESS, Param.ADDRESS, Param.ADDRESS),
    PATH_CREATE_DIRECTORY(PathCalls::pathCreateDirectory, Param.I32, Param.ADDRESS, Param.ADDRESS),
    PATH_UNLINK_FILE(PathCalls::pathUnlinkFile, Param.I32, Param.ADDRESS, Param.ADDRESS),
    PATH_REMOVE_DIRECTORY(PathCalls::pathRemoveDirectory, Param.I32, Param.ADDRESS, Param.ADDRESS),
    PATH_RENAME(PathCalls::pathRename, Param.I32, Param.ADDRESS, Param.ADDRESS, Param.I32, Param.ADDRESS, Param.ADDRESS);

    /** How a parameter may be declared. */
    enum Param {
        I32, I64,
        /** A pointer or size: i32 in 32-bit modules, i64 in memory64 ones. */
        ADDRESS;

        boolean accepts(ValType type) {
            return switch (this) {
                case I32 -> type == ValType.I32;
                case I64 -> type == ValType.I64;
                case ADDRESS -> type == ValType.I32 || type == ValType.I64;
            };
        }
    }

    /** A function's body: returns the errno. */
    @FunctionalInterface
    interface Implementation {
        int call(WasiCall call);
    }

    private static final Map<String, WasiFunction> BY_NAME = new HashMap<>();

    static {
        for (WasiFunction function : values()) BY_NAME.put(function.importName, function);
    }

    private final String importName = name().toLowerCase(Locale.ROOT);
    private final Implementation implementation;
    private final boolean returnsErrno;
    private final Param[] params;

    WasiFunction(Implementation implementation, Param... params) {
        this(implementation, true, params);
    }

    WasiFunction(Implementation implementation, boolean returnsErrno, Param... params) {
        this.implementation = implementation;
        this.returnsErrno = returnsErrno;
        this.params = params;
    }

    /** The function imported as {@code name}, or null when this provider does not implement it. */
    static WasiFunction named(String name) {
        return BY_NAME.get(name);
    }

    Implementation implementation() {
        return implementation;
    }

    boolean returnsErrno() {
        return returnsErrno;
    }

    /** Whether a module may import this function with {@code type}. */
    boolean accepts(FuncType type) {
        if (type.paramCount() != params.length) return false;
        for (int i = 0; i < params.length; i++) {
            if (!params[i].accepts(type.param(i))) return false;
        }
        return returnsErrno ? type.resultCount() == 1 && type.result(0) == ValType.I32 : type.resultCount() == 0;
    }

    /** The accepted signature in words, for error messages. */
    String expectedSignature() {
        String parameters = Arrays.stream(params)
                .map(param -> param == Param.ADDRESS ? "i32|i64" : param.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
        return "(" + parameters + ") -> (" + (returnsErrno ? "i32" : "") + ")";
    }
}
