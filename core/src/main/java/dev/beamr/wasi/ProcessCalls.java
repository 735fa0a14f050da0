package dev.beamr.wasi;

import java.util.List;

/** Arguments, environment, clocks, randomness and process control. */
final class ProcessCalls {
    private static final int CLOCK_REALTIME = 0;
    private static final int CLOCK_MONOTONIC = 1;
    private static final int CLOCK_PROCESS_CPUTIME = 2;
    private static final int CLOCK_THREAD_CPUTIME = 3;

    private ProcessCalls() {}

    /** {@code args_get(argv, argv_buf)} */
    static int argsGet(WasiCall call) {
        return writeStrings(call, call.context.arguments);
    }

    /** {@code args_sizes_get(argc*, argv_buf_size*)} */
    static int argsSizesGet(WasiCall call) {
        return writeSizes(call, call.context.arguments);
    }

    /** {@code environ_get(environ, environ_buf)} */
    static int environGet(WasiCall call) {
        return writeStrings(call, call.context.environment);
    }

    /** {@code environ_sizes_get(count*, buf_size*)} */
    static int environSizesGet(WasiCall call) {
        return writeSizes(call, call.context.environment);
    }

    /** {@code clock_res_get(id, resolution*)} */
    static int clockResGet(WasiCall call) {
        now(call.context.clock, call.i32(0));
        call.memory.putI64(call.address(1), call.context.clock.resolution());
        return Errno.SUCCESS;
    }

    /** {@code clock_time_get(id, precision, time*)} */
    static int clockTimeGet(WasiCall call) {
        long time = now(call.context.clock, call.i32(0));
        call.memory.putI64(call.address(2), time);
        return Errno.SUCCESS;
    }

    /** {@code random_get(buf, len)} */
    static int randomGet(WasiCall call) {
        long address = call.address(0);
        int length = call.length(1, Errno.FAULT);
        call.memory.check(address, length);
        byte[] bytes = new byte[length];
        call.context.random.nextBytes(bytes);
        call.memory.write(address, bytes);
        return Errno.SUCCESS;
    }

    /** {@code sched_yield()} */
    static int schedYield(WasiCall call) {
        Thread.yield();
        return Errno.SUCCESS;
    }

    /** {@code proc_exit(code)}: ends the whole call with the code as its result. */
    static int procExit(WasiCall call) {
        throw new WasiExitException(call.i32(0));
    }

    /** The time on clock {@code id}; {@code EINVAL} for an unknown clock. CPU-time clocks follow the monotonic one. */
    static long now(WasiClock clock, int id) {
        return switch (id) {
            case CLOCK_REALTIME -> clock.realtime();
            case CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME, CLOCK_THREAD_CPUTIME -> clock.monotonic();
            default -> throw new ErrnoException(Errno.INVAL, "unknown clock " + id);
        };
    }

    /** Writes a list's count and total NUL-terminated size through the two pointer arguments. */
    private static int writeSizes(WasiCall call, List<byte[]> strings) {
        long bufferSize = 0;
        for (byte[] string : strings) bufferSize += string.length + 1;
        long countAddress = call.address(0);
        long sizeAddress = call.address(1);
        int width = call.memory.addressSize();
        call.memory.check(countAddress, width);
        call.memory.check(sizeAddress, width);
        call.memory.putAddress(countAddress, strings.size());
        call.memory.putAddress(sizeAddress, bufferSize);
        return Errno.SUCCESS;
    }

    /** Writes a list as NUL-terminated strings into the buffer argument and a pointer to each into the array argument. */
    private static int writeStrings(WasiCall call, List<byte[]> strings) {
        long pointers = call.address(0);
        long buffer = call.address(1);
        long bufferSize = 0;
        for (byte[] string : strings) bufferSize += string.length + 1;
        call.memory.checkArray(pointers, strings.size(), call.memory.addressSize());
        call.memory.check(buffer, bufferSize);
        long next = buffer;
        for (int i = 0; i < strings.size(); i++) {
            byte[] string = strings.get(i);
            call.memory.putAddress(pointers + (long) i * call.memory.addressSize(), next);
            call.memory.write(next, string);
            call.memory.putU8(next + string.length, 0);
            next += string.length + 1;
        }
        return Errno.SUCCESS;
    }
}
