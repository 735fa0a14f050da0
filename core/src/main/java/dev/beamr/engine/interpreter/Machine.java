package dev.beamr.engine.interpreter;

import dev.beamr.TrapException;
import dev.beamr.TrapKind;
import dev.beamr.engine.ir.CompiledFunction;

import java.util.Arrays;

/**
 * One thread's wasm execution state: the value slots every frame lives in and the stack of suspended
 * callers. Arrays start small and grow on demand up to the interpreter's limits; code that caches
 * them in locals must reload them after anything that may grow them (a call, or a nested execution
 * reached through a host function).
 */
public final class Machine {
    private static final int INITIAL_SLOTS = 4096;
    private static final int INITIAL_FRAMES = 256;

    private final int maxSlots;
    private final int maxFrames;

    /** Numeric slots of every frame. */
    long[] slots = new long[0];
    /** Reference slots, parallel to {@link #slots}; both are allocated on first use, since compiled code needs none. */
    Object[] refs = new Object[0];
    /** Suspended callers, each its frame pointer and return pc as a {@link #position}. */
    long[] frames;
    /** Suspended callers' functions, parallel to {@link #frames}. */
    CompiledFunction[] frameFunctions;
    /** Suspended callers in use; a nested execution pushes above them. */
    int depth;
    /** First slot above every active frame: where a nested execution places its entry frame. */
    int top;
    /** The depth at which the innermost execution started: a return there leaves it. */
    int base;
    /** The function of the running frame; the dispatch loop keeps it current as it calls and returns. */
    CompiledFunction running;
    /** The running instance's {@link dev.beamr.engine.runtime.Instance#interpretedCode()}: the calls that push a frame. */
    CompiledFunction[] callees;

    /**
     * Fuel left in the current grant (see {@link dev.beamr.engine.ir.Op#FUEL}); when a charge takes it
     * below zero, {@link Metering#refuel} decides whether execution may go on. Starts empty, so the
     * first charge asks for a grant.
     */
    public long fuel;
    /** The grant {@link #fuel} was last set to: what it has dropped since is what the thread charged. */
    long grant;
    /** Whether {@link Metering} counts this machine among its thread's grant holders. */
    boolean holdsGrant;

    /**
     * Nested calls of compiled code in progress on this thread; compiled code keeps its frames on the
     * Java stack, so it counts them here against the same limit as the interpreter's frames.
     */
    public int compiledDepth;
    /** Results of a compiled function with more than one result, for its caller to pick up. */
    public long[] results = new long[4];
    /** Reference results, parallel to {@link #results}. */
    public Object[] resultRefs = new Object[4];

    /** Where exception unwinding left the frame that takes over (see {@code Exceptions.unwind}). */
    CompiledFunction unwoundFunction;
    int unwoundPc;
    int unwoundFp;

    public Machine(int maxSlots, int maxFrames) {
        this.maxSlots = maxSlots;
        this.maxFrames = maxFrames;
        // The running frame is not suspended: maxFrames nested calls suspend at most maxFrames - 1 callers.
        int frameCount = Math.min(INITIAL_FRAMES, maxFrames - 1);
        this.frames = new long[frameCount];
        this.frameFunctions = new CompiledFunction[frameCount];
    }

    /** The most nested calls this machine allows. */
    public int maxCallDepth() {
        return maxFrames;
    }

    /** Makes {@link #results} and {@link #resultRefs} hold at least {@code count} values. */
    public void ensureResults(int count) {
        if (results.length < count) {
            results = new long[count];
            resultRefs = new Object[count];
        }
    }

    /** A frame's position as {@link #frames} keep it, and as the dispatch loop reports where it stopped. */
    static long position(int fp, int pc) {
        return ((long) fp << 32) | pc;
    }

    /** Suspends the running function's frame at {@code fp}, to resume at {@code returnPc}; {@link #frames} has room. */
    void suspend(int fp, int returnPc) {
        int suspended = depth;
        frames[suspended] = position(fp, returnPc);
        frameFunctions[suspended] = running;
        depth = suspended + 1;
    }

    /** Makes the innermost suspended caller the running function again and returns its {@link #position}. */
    long resume() {
        int resumed = --depth;
        running = frameFunctions[resumed];
        return frames[resumed];
    }

    /** Makes room for one more suspended caller, or traps when the call depth limit is reached. */
    void growFrames(CompiledFunction callee) {
        int length = frames.length;
        if (length >= maxFrames - 1) {
            throw new TrapException(TrapKind.STACK_EXHAUSTED, callee.name(),
                    "more than " + maxFrames + " nested calls", null);
        }
        int grown = (int) Math.min((long) length * 2, maxFrames - 1);
        frames = Arrays.copyOf(frames, grown);
        frameFunctions = Arrays.copyOf(frameFunctions, grown);
    }

    /** Ensures slots {@code [0, needed)} exist, or traps when that exceeds the slot limit. */
    void ensureSlots(long needed, CompiledFunction callee) {
        if (needed <= slots.length) return;
        if (needed > maxSlots) {
            throw new TrapException(TrapKind.STACK_EXHAUSTED, callee.name(),
                    "frames need more than " + maxSlots + " value slots", null);
        }
        int grown = (int) Math.min(Math.max(needed, Math.max((long) slots.length * 2, INITIAL_SLOTS)), maxSlots);
        slots = Arrays.copyOf(slots, grown);
        refs = Arrays.copyOf(refs, grown);
    }
}
