package dev.beamr.engine.ir;

import java.util.function.IntPredicate;

/**
 * One clause of a legacy exception-handling {@code try} block, covering the instructions whose
 * start offsets lie in {@code [start, end)} of the function's code.
 *
 * <p>When an exception is thrown at (or propagates through a call at) offset {@code pc}, the
 * handlers are searched in array order (innermost first); the first one whose range contains
 * {@code pc} and that matches is taken:
 * <ul>
 *   <li>{@code tag >= 0}: matches an exception whose tag is the instance's tag {@code tag}
 *       (compared by tag identity, since tags may be imported). The exception's payload values are
 *       written to slots {@code payloadSlot ..}, the exception object itself to the reference slot
 *       {@code exceptionSlot} (for {@code rethrow}), and execution continues at {@code target}.</li>
 *   <li>{@code tag == CATCH_ALL}: matches any exception; stores it at {@code exceptionSlot} and
 *       continues at {@code target}.</li>
 *   <li>{@code tag == DELEGATE}: the search continues at handler index {@code target} (skipping the
 *       handlers in between); {@code target == handlers.length} means the exception leaves the
 *       function.</li>
 * </ul>
 * If no handler takes it, the exception propagates to the caller's frame.
 */
public record Handler(int start, int end, int tag, int target, int payloadSlot, int exceptionSlot) {
    public static final int CATCH_ALL = -1;
    public static final int DELEGATE = -2;

    public boolean covers(int pc) {
        return pc >= start && pc < end;
    }

    /**
     * The index of the handler in {@code handlers} that takes an exception raised at {@code pc},
     * following the search order described above, or -1 when none does.
     *
     * @param catchesTag whether the exception's tag is the instance's tag of the given index
     */
    public static int select(Handler[] handlers, int pc, IntPredicate catchesTag) {
        int i = 0;
        while (i < handlers.length) {
            Handler handler = handlers[i];
            if (!handler.covers(pc)) {
                i++;
            } else if (handler.tag == DELEGATE) {
                i = handler.target;
            } else if (handler.tag == CATCH_ALL || catchesTag.test(handler.tag)) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }
}
