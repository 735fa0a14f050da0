package dev.beamr.wasi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static dev.beamr.wasi.WasiAbi.*;

/**
 * {@code poll_oneoff(in, out, nsubscriptions, nevents*)}. Descriptors are always ready (reads of
 * the virtual file system and of the host's streams do not wait), so a poll that watches any
 * descriptor returns at once; one that only has clock subscriptions sleeps until the earliest
 * deadline and reports every subscription due by then.
 */
final class PollCalls {
    private static final int EVENTTYPE_CLOCK = 0;
    private static final int EVENTTYPE_FD_READ = 1;
    private static final int EVENTTYPE_FD_WRITE = 2;
    private static final int SUBCLOCKFLAG_ABSTIME = 1;

    private PollCalls() {}

    /** An event to report: the subscription's userdata, type, error and available bytes. */
    private record Event(long userdata, int type, int errno, long bytes) {}

    /** A clock subscription: how long until it is due, from now. */
    private record Timer(long userdata, long delay) {}

    static int pollOneoff(WasiCall call) {
        long subscriptions = call.address(0);
        long events = call.address(1);
        long count = call.address(2);
        long result = call.address(3);
        if (count == 0) throw new ErrnoException(Errno.INVAL, "nothing to wait for");
        call.memory.checkArray(subscriptions, count, SUBSCRIPTION_SIZE);
        call.memory.checkArray(events, count, EVENT_SIZE);
        call.memory.check(result, call.memory.addressSize());

        List<Event> ready = new ArrayList<>();
        List<Timer> timers = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long at = subscriptions + i * SUBSCRIPTION_SIZE;
            long userdata = call.memory.i64(at);
            int type = call.memory.u8(at + 8);
            switch (type) {
                case EVENTTYPE_CLOCK -> {
                    try {
                        timers.add(new Timer(userdata, delay(call, at + 16)));
                    } catch (ErrnoException e) {
                        ready.add(new Event(userdata, type, e.errno(), 0));
                    }
                }
                case EVENTTYPE_FD_READ, EVENTTYPE_FD_WRITE -> ready.add(descriptorEvent(call, userdata, type, call.memory.i32(at + 16)));
                default -> ready.add(new Event(userdata, type, Errno.INVAL, 0));
            }
        }
        if (ready.isEmpty()) {
            long wait = timers.stream().mapToLong(Timer::delay).min().orElseThrow();
            try {
                if (wait > 0) call.context.clock.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ErrnoException(Errno.INTR, "interrupted while sleeping");
            }
            for (Timer timer : timers) {
                if (timer.delay() <= wait) ready.add(new Event(timer.userdata(), EVENTTYPE_CLOCK, Errno.SUCCESS, 0));
            }
        }
        for (int i = 0; i < ready.size(); i++) {
            Event event = ready.get(i);
            long at = events + (long) i * EVENT_SIZE;
            call.memory.fill(at, EVENT_SIZE, (byte) 0);
            call.memory.putI64(at, event.userdata());
            call.memory.putU16(at + 8, event.errno());
            call.memory.putU8(at + 10, event.type());
            call.memory.putI64(at + 16, event.bytes());
        }
        call.memory.putAddress(result, ready.size());
        return Errno.SUCCESS;
    }

    /** The wait a clock subscription asks for ({@code id}, {@code timeout}, {@code precision}, {@code flags} at {@code at}). */
    private static long delay(WasiCall call, long at) {
        long now = ProcessCalls.now(call.context.clock, call.memory.i32(at));
        long timeout = call.memory.i64(at + 8);
        boolean absolute = (call.memory.u16(at + 24) & SUBCLOCKFLAG_ABSTIME) != 0;
        long delay = absolute ? timeout - now : timeout;
        // Timeouts are unsigned; one beyond Long.MAX_VALUE nanoseconds (292 years) is as good as forever.
        return absolute ? Math.max(0, delay) : delay < 0 ? Long.MAX_VALUE : delay;
    }

    private static Event descriptorEvent(WasiCall call, long userdata, int type, int fd) {
        Descriptor descriptor;
        try {
            descriptor = call.context.descriptors.get(fd);
        } catch (ErrnoException e) {
            return new Event(userdata, type, e.errno(), 0);
        }
        long available = 0;
        if (type == EVENTTYPE_FD_READ) {
            switch (descriptor) {
                case Descriptor.File open -> available = Math.max(0, open.file.size() - open.position);
                case Descriptor.Stream stream when stream.input() != null -> {
                    try {
                        available = stream.input().available();
                    } catch (IOException e) {
                        return new Event(userdata, type, Errno.IO, 0);
                    }
                }
                default -> {}
            }
        }
        return new Event(userdata, type, Errno.SUCCESS, available);
    }
}
