/**
 * The engine's intermediate form: what validation produces from each function body, and what the
 * interpreter executes (and the compiler will translate).
 *
 * <h2>Frame layout</h2>
 * A call's values live in one {@code long[]} (numbers) and a parallel {@code Object[]} (references),
 * indexed from the frame pointer {@code fp}. Slot {@code i} of a frame is {@code fp + i}:
 * <pre>
 *   [0 .. paramCount)              parameters
 *   [paramCount .. localCount)     declared locals (zeroed / nulled on entry)
 *   [localCount .. frameSize)      the operand stack
 * </pre>
 * Since validation knows the operand-stack height before every instruction, each instruction names
 * the frame slots it reads and writes as immediates: there is no stack pointer at run time. An
 * instruction may read any slot, so an operand that {@code local.get} pushed is read from the
 * local's own slot (local.get emits no code), and results may be written straight to a local.
 * A value of type i32 or f32 uses only the low 32 bits of its slot (readers cast to int, so the
 * upper bits may hold anything); f32/f64 are kept as raw IEEE bits; i64 uses the whole slot.
 * Reference values (funcref, externref, caught exceptions) live in the {@code Object[]} at the same
 * slot index; {@code null} is the null reference.
 *
 * <h2>Calls</h2>
 * A call's arguments sit in consecutive slots starting at {@code argBase}; the callee's frame starts
 * there ({@code fp' = fp + argBase}), so arguments become the callee's parameters without copying,
 * and the callee leaves its results at its slots {@code 0 ..}, which are the caller's
 * {@code argBase ..}, exactly where validation expects them.
 *
 * <p>See {@link dev.beamr.engine.ir.Op} for every instruction's encoding.
 */
package dev.beamr.engine.ir;
