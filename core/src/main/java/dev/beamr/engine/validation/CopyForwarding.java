package dev.beamr.engine.validation;

import dev.beamr.engine.ir.Op;
import dev.beamr.engine.ir.Operands;

import java.util.Arrays;

/**
 * Removes a COPY whose target only the pure instruction right after it reads ({@link Operands#pure}),
 * making that instruction read the copy's source instead: {@code COPY 2 0; I64_EXTEND_I32_S 5 2}
 * becomes {@code I64_EXTEND_I32_S 5 0} when nothing reads slot 2 afterwards. The source still holds
 * the copied value there, as nothing runs in between.
 */
final class CopyForwarding {
    private CopyForwarding() {}

    static int[] apply(int[] code) {
        if (CodeRewrite.count(code, op -> op == Op.COPY) == 0) return code;
        return CodeRewrite.fuseAdjacent(code, (original, copy, reader, rewrite) -> {
            if (original[copy] != Op.COPY || !Operands.pure(original[reader])) return null;
            int target = original[copy + 1];
            if (!Operands.reads(original, reader, target) || !rewrite.deadAfter(reader, target)) return null;
            int[] forwarded = Arrays.copyOfRange(original, reader, reader + Op.length(original, reader));
            for (int position : Operands.readPositions(original[reader])) {
                if (forwarded[position] == target) forwarded[position] = original[copy + 2];
            }
            return forwarded;
        });
    }
}
