package dev.beamr.engine.ir;

/**
 * Instruction set of the intermediate form. Each instruction is an opcode word followed by its
 * immediates, written here as {@code [op, imm1, imm2, ...]}; {@code s[x]} is numeric slot x of the
 * current frame and {@code r[x]} reference slot x (see the package documentation). Opcodes are dense
 * from 0 so that dispatch compiles to a table switch.
 */
public final class Op {
    private Op() {}

    // ---- Control ----
    /* Control. {@code target} is a code offset; {@code cond} a slot read as i32. */
    /** [op] traps with UNREACHABLE. */
    public static final int UNREACHABLE = 0;
    /** [op, target] */
    public static final int JUMP = 1;
    /** [op, cond, target]: jumps if (int) s[cond] != 0. */
    public static final int JUMP_IF = 2;
    /** [op, cond, target]: jumps if (int) s[cond] == 0 (the {@code if} instruction). */
    public static final int JUMP_UNLESS = 3;
    /** [op, target, src, dst, count]: copies count numeric slots src.. to dst.. (dst < src, ascending copy) then jumps. Emitted only when a copy is needed; otherwise JUMP. */
    public static final int BR = 4;
    /** [op, target, src, dst, count]: as BR but copies both the numeric and the reference slots (some copied value is a reference). */
    public static final int BR_REFS = 5;
    /** [op, cond, target, src, dst, count]: if (int) s[cond] != 0, copies as BR and jumps; otherwise falls through. Emitted only when a copy is needed; otherwise JUMP_IF. */
    public static final int BR_IF = 6;
    /** [op, cond, target, src, dst, count]: as BR_IF, copying references too. */
    public static final int BR_IF_REFS = 7;
    /** [op, index, n, then n+1 entries of 5 ints: target, src, dst, count, withRefs]: picks entry (int) s[index] when it is, unsigned, below n, else entry n (the default); copies count slots src.. to dst.. when count > 0 and src != dst (references too when withRefs != 0), then jumps to target. */
    public static final int BR_TABLE = 8;
    /** [op, src, count]: copies count numeric result slots src.. to 0.. and returns to the caller. */
    public static final int RETURN = 9;
    /** [op, src, count]: as RETURN, copying references too. */
    public static final int RETURN_REFS = 10;
    /** [op, funcIndex, argBase]: calls function funcIndex of the instance's function index space (imports included); arguments at argBase.., results left at argBase.. */
    public static final int CALL = 11;
    /** [op, typeIndex, tableIndex, indexSlot, argBase]: calls table[tableIndex][(int) s[indexSlot]] (unsigned index) after checking the index is below the table size (else UNDEFINED_ELEMENT), non-null (UNINITIALIZED_ELEMENT) and of a type structurally equal to the module's type typeIndex (INDIRECT_CALL_TYPE_MISMATCH). */
    public static final int CALL_INDIRECT = 12;
    /** [op, funcIndex, argBase]: tail call: moves the callee's arguments from argBase.. to 0.. and replaces the current frame with the callee's; the callee's results become this function's. */
    public static final int RETURN_CALL = 13;
    /** [op, typeIndex, tableIndex, indexSlot, argBase]: tail call through a table, checked as CALL_INDIRECT. */
    public static final int RETURN_CALL_INDIRECT = 14;
    /** [op, tagIndex, argBase]: throws an exception of the instance's tag tagIndex whose payload is the tag type's parameters at argBase.. */
    public static final int THROW = 15;
    /** [op, exceptionSlot]: throws again the exception caught into reference slot exceptionSlot. */
    public static final int RETHROW = 16;

    // ---- Locals, globals, constants, parametric and reference instructions ----
    /* Locals, globals, constants, parametric and reference instructions. */
    /** [op, dst, src]: s[dst] = s[src] (local.set and local.tee when not folded into the producer, and moves that put values in their stack slots). */
    public static final int COPY = 17;
    /** [op, dst, src]: r[dst] = r[src] (the same on references). */
    public static final int COPY_REF = 18;
    /** [op, dst, globalIndex]: s[dst] = the numeric global's value. */
    public static final int GLOBAL_GET = 19;
    /** [op, src, globalIndex] */
    public static final int GLOBAL_SET = 20;
    /** [op, dst, globalIndex]: r[dst] = the reference global's value. */
    public static final int GLOBAL_GET_REF = 21;
    /** [op, src, globalIndex] */
    public static final int GLOBAL_SET_REF = 22;
    /** [op, dst, value]: s[dst] = value (i32.const; f32.const as raw bits). */
    public static final int CONST_32 = 23;
    /** [op, dst, low, high]: s[dst] = (high << 32) | (low & 0xFFFFFFFFL) (i64.const; f64.const as raw bits). */
    public static final int CONST_64 = 24;
    /** [op, dst, a, b, cond]: s[dst] = (int) s[cond] != 0 ? s[a] : s[b]. */
    public static final int SELECT = 25;
    /** [op, base]: if (int) s[base + 2] == 0 then r[base] = r[base + 1]. */
    public static final int SELECT_REF = 26;
    /** [op, dst]: r[dst] = null. */
    public static final int REF_NULL = 27;
    /** [op, slot]: s[slot] = r[slot] == null ? 1 : 0. */
    public static final int REF_IS_NULL = 28;
    /** [op, dst, funcIndex]: r[dst] = the instance's function funcIndex. */
    public static final int REF_FUNC = 29;

    // ---- Memory ----
    /* Memory. Addresses are read from a slot as unsigned i32 (32-bit memory) or u64 (memory64) and the offset is added without wrapping; any access past the memory's current size traps with MEMORY_OUT_OF_BOUNDS. The short forms address memory 0 with a static offset in [0, 2^31) and name their operand slots freely; their addend is an i32 added to the address operand with the wrapping of the memory's index type (an i32.add or i64.add by a constant that computed the address, folded in), 0 when there is none. */
    /** [op, dst, addr, addend, offset]: loads 1 byte at address (s[addr] + addend) + offset, sign-extended to 64 bits, into s[dst] (i32.load8_s, i64.load8_s). */
    public static final int LOAD8_S = 30;
    /** [op, dst, addr, addend, offset]: 1 byte zero-extended (i32.load8_u, i64.load8_u). */
    public static final int LOAD8_U = 31;
    /** [op, dst, addr, addend, offset]: 2 bytes sign-extended. */
    public static final int LOAD16_S = 32;
    /** [op, dst, addr, addend, offset]: 2 bytes zero-extended. */
    public static final int LOAD16_U = 33;
    /** [op, dst, addr, addend, offset]: 4 bytes sign-extended (i32.load, f32.load, i64.load32_s). */
    public static final int LOAD32_S = 34;
    /** [op, dst, addr, addend, offset]: 4 bytes zero-extended (i64.load32_u). */
    public static final int LOAD32_U = 35;
    /** [op, dst, addr, addend, offset]: 8 bytes (i64.load, f64.load). */
    public static final int LOAD64 = 36;
    /** [op, addr, value, addend, offset]: stores the low byte of s[value] at address (s[addr] + addend) + offset. */
    public static final int STORE8 = 37;
    /** [op, addr, value, addend, offset]: stores the low 2 bytes. */
    public static final int STORE16 = 38;
    /** [op, addr, value, addend, offset]: stores the low 4 bytes (i32.store, f32.store, i64.store32). */
    public static final int STORE32 = 39;
    /** [op, addr, value, addend, offset]: stores 8 bytes (i64.store, f64.store). */
    public static final int STORE64 = 40;
    /** [op, kind, slot, memIndex, offsetLow, offsetHigh]: the load `kind` (one of LOAD8_S .. LOAD64) on any memory with any 64-bit offset; the address is at slot and the result goes there. */
    public static final int MEM_LOAD = 41;
    /** [op, kind, slot, memIndex, offsetLow, offsetHigh]: the store `kind` (one of STORE8 .. STORE64) on any memory with any 64-bit offset; address at slot, value at slot + 1. */
    public static final int MEM_STORE = 42;
    /** [op, dst, memIndex]: s[dst] = size in pages. */
    public static final int MEMORY_SIZE = 43;
    /** [op, slot, memIndex]: grows by s[slot] pages; s[slot] = old size in pages, or -1 (of the memory's index type). */
    public static final int MEMORY_GROW = 44;
    /** [op, base, memIndex]: destination s[base], byte value s[base + 1], length s[base + 2]. */
    public static final int MEMORY_FILL = 45;
    /** [op, base, dstMemIndex, srcMemIndex]: destination s[base], source s[base + 1], length s[base + 2] (length is i64 only when both memories are 64-bit). */
    public static final int MEMORY_COPY = 46;
    /** [op, base, memIndex, dataIndex]: destination s[base], source offset (i32) s[base + 1], length (i32) s[base + 2]. */
    public static final int MEMORY_INIT = 47;
    /** [op, dataIndex] */
    public static final int DATA_DROP = 48;

    // ---- Tables ----
    /* Tables. Indices are unsigned i32; out-of-range accesses trap with TABLE_OUT_OF_BOUNDS. */
    /** [op, slot, tableIndex]: r[slot] = table[(int) s[slot]]. */
    public static final int TABLE_GET = 49;
    /** [op, base, tableIndex]: table[(int) s[base]] = r[base + 1]. */
    public static final int TABLE_SET = 50;
    /** [op, dst, tableIndex]: s[dst] = size. */
    public static final int TABLE_SIZE = 51;
    /** [op, base, tableIndex]: grows by s[base + 1] elements set to r[base]; s[base] = old size or -1. */
    public static final int TABLE_GROW = 52;
    /** [op, base, tableIndex]: index s[base], value r[base + 1], length s[base + 2]. */
    public static final int TABLE_FILL = 53;
    /** [op, base, dstTableIndex, srcTableIndex]: destination s[base], source s[base + 1], length s[base + 2]. */
    public static final int TABLE_COPY = 54;
    /** [op, base, tableIndex, elemIndex]: destination s[base], source s[base + 1], length s[base + 2]. */
    public static final int TABLE_INIT = 55;
    /** [op, elemIndex] */
    public static final int ELEM_DROP = 56;

    // ---- Numeric instructions: unary ones are [op, dst, a], binary ones [op, dst, a, b] ----
    /* Numeric instructions. Unary: [op, dst, a]: s[dst] = op(s[a]). Binary: [op, dst, a, b]: s[dst] = op(s[a], s[b]). Operands are read before the result is written, so dst may equal a or b. Comparisons write i32 0 or 1. i32.wrap_i64 and the four reinterpret instructions need no code: a slot already holds the bits. i64.extend32_s is I64_EXTEND_I32_S. */
    public static final int I32_EQZ = 57;
    public static final int I32_EQ = 58;
    public static final int I32_NE = 59;
    public static final int I32_LT_S = 60;
    public static final int I32_LT_U = 61;
    public static final int I32_GT_S = 62;
    public static final int I32_GT_U = 63;
    public static final int I32_LE_S = 64;
    public static final int I32_LE_U = 65;
    public static final int I32_GE_S = 66;
    public static final int I32_GE_U = 67;
    public static final int I32_CLZ = 68;
    public static final int I32_CTZ = 69;
    public static final int I32_POPCNT = 70;
    public static final int I32_ADD = 71;
    public static final int I32_SUB = 72;
    public static final int I32_MUL = 73;
    public static final int I32_DIV_S = 74;
    public static final int I32_DIV_U = 75;
    public static final int I32_REM_S = 76;
    public static final int I32_REM_U = 77;
    public static final int I32_AND = 78;
    public static final int I32_OR = 79;
    public static final int I32_XOR = 80;
    public static final int I32_SHL = 81;
    public static final int I32_SHR_S = 82;
    public static final int I32_SHR_U = 83;
    public static final int I32_ROTL = 84;
    public static final int I32_ROTR = 85;
    public static final int I64_EQZ = 86;
    public static final int I64_EQ = 87;
    public static final int I64_NE = 88;
    public static final int I64_LT_S = 89;
    public static final int I64_LT_U = 90;
    public static final int I64_GT_S = 91;
    public static final int I64_GT_U = 92;
    public static final int I64_LE_S = 93;
    public static final int I64_LE_U = 94;
    public static final int I64_GE_S = 95;
    public static final int I64_GE_U = 96;
    public static final int I64_CLZ = 97;
    public static final int I64_CTZ = 98;
    public static final int I64_POPCNT = 99;
    public static final int I64_ADD = 100;
    public static final int I64_SUB = 101;
    public static final int I64_MUL = 102;
    public static final int I64_DIV_S = 103;
    public static final int I64_DIV_U = 104;
    public static final int I64_REM_S = 105;
    public static final int I64_REM_U = 106;
    public static final int I64_AND = 107;
    public static final int I64_OR = 108;
    public static final int I64_XOR = 109;
    public static final int I64_SHL = 110;
    public static final int I64_SHR_S = 111;
    public static final int I64_SHR_U = 112;
    public static final int I64_ROTL = 113;
    public static final int I64_ROTR = 114;
    public static final int F32_EQ = 115;
    public static final int F32_NE = 116;
    public static final int F32_LT = 117;
    public static final int F32_GT = 118;
    public static final int F32_LE = 119;
    public static final int F32_GE = 120;
    public static final int F32_ABS = 121;
    public static final int F32_NEG = 122;
    public static final int F32_CEIL = 123;
    public static final int F32_FLOOR = 124;
    public static final int F32_TRUNC = 125;
    public static final int F32_NEAREST = 126;
    public static final int F32_SQRT = 127;
    public static final int F32_ADD = 128;
    public static final int F32_SUB = 129;
    public static final int F32_MUL = 130;
    public static final int F32_DIV = 131;
    public static final int F32_MIN = 132;
    public static final int F32_MAX = 133;
    public static final int F32_COPYSIGN = 134;
    public static final int F64_EQ = 135;
    public static final int F64_NE = 136;
    public static final int F64_LT = 137;
    public static final int F64_GT = 138;
    public static final int F64_LE = 139;
    public static final int F64_GE = 140;
    public static final int F64_ABS = 141;
    public static final int F64_NEG = 142;
    public static final int F64_CEIL = 143;
    public static final int F64_FLOOR = 144;
    public static final int F64_TRUNC = 145;
    public static final int F64_NEAREST = 146;
    public static final int F64_SQRT = 147;
    public static final int F64_ADD = 148;
    public static final int F64_SUB = 149;
    public static final int F64_MUL = 150;
    public static final int F64_DIV = 151;
    public static final int F64_MIN = 152;
    public static final int F64_MAX = 153;
    public static final int F64_COPYSIGN = 154;
    public static final int I64_EXTEND_I32_S = 155;
    public static final int I64_EXTEND_I32_U = 156;
    public static final int I32_TRUNC_F32_S = 157;
    public static final int I32_TRUNC_F32_U = 158;
    public static final int I32_TRUNC_F64_S = 159;
    public static final int I32_TRUNC_F64_U = 160;
    public static final int I64_TRUNC_F32_S = 161;
    public static final int I64_TRUNC_F32_U = 162;
    public static final int I64_TRUNC_F64_S = 163;
    public static final int I64_TRUNC_F64_U = 164;
    public static final int F32_CONVERT_I32_S = 165;
    public static final int F32_CONVERT_I32_U = 166;
    public static final int F32_CONVERT_I64_S = 167;
    public static final int F32_CONVERT_I64_U = 168;
    public static final int F64_CONVERT_I32_S = 169;
    public static final int F64_CONVERT_I32_U = 170;
    public static final int F64_CONVERT_I64_S = 171;
    public static final int F64_CONVERT_I64_U = 172;
    public static final int F32_DEMOTE_F64 = 173;
    public static final int F64_PROMOTE_F32 = 174;
    public static final int I32_EXTEND8_S = 175;
    public static final int I32_EXTEND16_S = 176;
    public static final int I64_EXTEND8_S = 177;
    public static final int I64_EXTEND16_S = 178;
    public static final int I32_TRUNC_SAT_F32_S = 179;
    public static final int I32_TRUNC_SAT_F32_U = 180;
    public static final int I32_TRUNC_SAT_F64_S = 181;
    public static final int I32_TRUNC_SAT_F64_U = 182;
    public static final int I64_TRUNC_SAT_F32_S = 183;
    public static final int I64_TRUNC_SAT_F32_U = 184;
    public static final int I64_TRUNC_SAT_F64_S = 185;
    public static final int I64_TRUNC_SAT_F64_U = 186;

    // ---- Metering ----
    /**
     * [op, cost]: starts a straight-line run of {@code cost} wasm instructions and charges them to the
     * thread's fuel before any of them executes; when the fuel goes negative, execution asks the meter
     * for more, which either refills it or traps (fuel exhausted, deadline passed, interrupted). Runs
     * end at every label and after every branch, so normal execution is charged exactly; a run left
     * early by a trap or exception is charged in full. Every wasm instruction counts 1 (local.get,
     * block and nop included), in the run it executes in: a block's {@code end} (and the function's
     * final one) counts in the run its label starts when some branch reaches it, else in the run
     * falling into it. A label no branch reaches starts no run, and no run has cost 0.
     */
    public static final int FUEL = 187;

    // ---- Forms with an immediate operand: [op, dst, a, imm]: s[dst] = op(s[a], imm) ----
    /* Binary instructions whose second operand is a constant: [op, dst, a, imm], with imm an i32 (sign-extended for the i64 forms). i32.sub by a constant is I32_ADD_IMM of its negation. */
    public static final int I32_ADD_IMM = 188;
    public static final int I32_MUL_IMM = 189;
    public static final int I32_AND_IMM = 190;
    public static final int I32_OR_IMM = 191;
    public static final int I32_XOR_IMM = 192;
    public static final int I32_SHL_IMM = 193;
    public static final int I32_SHR_S_IMM = 194;
    public static final int I32_SHR_U_IMM = 195;
    public static final int I32_ROTL_IMM = 196;
    public static final int I32_EQ_IMM = 197;
    public static final int I32_NE_IMM = 198;
    public static final int I32_LT_S_IMM = 199;
    public static final int I32_LT_U_IMM = 200;
    public static final int I32_GT_S_IMM = 201;
    public static final int I32_GT_U_IMM = 202;
    public static final int I32_LE_S_IMM = 203;
    public static final int I32_LE_U_IMM = 204;
    public static final int I32_GE_S_IMM = 205;
    public static final int I32_GE_U_IMM = 206;
    public static final int I64_ADD_IMM = 207;
    public static final int I64_MUL_IMM = 208;
    public static final int I64_AND_IMM = 209;
    public static final int I64_OR_IMM = 210;
    public static final int I64_XOR_IMM = 211;
    public static final int I64_SHL_IMM = 212;
    public static final int I64_SHR_S_IMM = 213;
    public static final int I64_SHR_U_IMM = 214;

    // ---- Branches on a whole 64-bit slot (i64.eqz consumed by br_if or if) ----
    /** [op, cond, target]: jumps if s[cond] != 0 as an i64. */
    public static final int JUMP_IF_64 = 215;
    /** [op, cond, target]: jumps if s[cond] == 0 as an i64. */
    public static final int JUMP_UNLESS_64 = 216;

    // ---- Compare and branch: a comparison fused with the br_if or if that consumes it ----
    /* [op, a, b, target]: jumps to target if the comparison of s[a] with s[b] holds, else falls through. The _IMM forms are [op, a, imm, target], comparing with the i32 imm. An if jumps with the negated comparison. Greater-than and at-least tests between slots swap their operands (a > b is b < a), and at-most and greater-than tests of an immediate move it by one (a <= imm is a < imm + 1), so that fewer forms exist: fewer cases in the dispatch loop, which must stay small (see Interpreter.execute). */
    public static final int JUMP_IF_I32_EQ = 217;
    public static final int JUMP_IF_I32_NE = 218;
    public static final int JUMP_IF_I32_LT_S = 219;
    public static final int JUMP_IF_I32_LT_U = 220;
    public static final int JUMP_IF_I32_LE_S = 221;
    public static final int JUMP_IF_I32_LE_U = 222;
    public static final int JUMP_IF_I32_EQ_IMM = 223;
    public static final int JUMP_IF_I32_NE_IMM = 224;
    public static final int JUMP_IF_I32_LT_S_IMM = 225;
    public static final int JUMP_IF_I32_LT_U_IMM = 226;
    public static final int JUMP_IF_I32_GE_S_IMM = 227;
    public static final int JUMP_IF_I32_GE_U_IMM = 228;
    public static final int JUMP_IF_I64_EQ = 229;
    public static final int JUMP_IF_I64_NE = 230;
    public static final int JUMP_IF_I64_LT_S = 231;
    public static final int JUMP_IF_I64_LT_U = 232;
    public static final int JUMP_IF_I64_LE_S = 233;
    public static final int JUMP_IF_I64_LE_U = 234;

    // ---- Fused f64 arithmetic: an instruction merged with the one that produced its right operand ----
    /* f64 arithmetic whose right operand is loaded from memory 0: [op, dst, a, addr, addend, offset]: s[dst] = op(s[a], the 8 bytes at address (s[addr] + addend) + offset), the address formed and checked as LOAD64 forms it (an f64.load consumed by the instruction right after it). */
    public static final int F64_ADD_LOAD = 235;
    public static final int F64_SUB_LOAD = 236;
    public static final int F64_MUL_LOAD = 237;
    /* f64 addition or subtraction of a product: [op, dst, a, x, y]: s[dst] = s[a] + (s[x] * s[y]), resp. s[a] - (s[x] * s[y]), with the product rounded to f64 before the addition (no fused multiply-add; an f64.mul consumed by the f64.add or f64.sub right after it). */
    public static final int F64_MUL_ADD = 238;
    public static final int F64_MUL_SUB = 239;

    // ---- Stores of a constant and read-modify-write stores ----
    /* Short-form stores of a constant: [op, addr, imm, addend, offset]: as STORE8 .. STORE64 with the value the i32 imm (sign-extended to 64 bits for STORE64_IMM), so the constant needs no slot (a store whose value operand is a constant; an i64 or f64 constant only when it fits). */
    public static final int STORE8_IMM = 240;
    public static final int STORE16_IMM = 241;
    public static final int STORE32_IMM = 242;
    public static final int STORE64_IMM = 243;
    /** [op, a, addr, addend, offset]: adds s[a] and the f64 at address (s[addr] + addend) + offset, s[a] on the left, and stores the sum back there (an F64_ADD_LOAD whose result the next f64.store writes to the address it loaded from: {@code mem[p] = x + mem[p]}). */
    public static final int F64_ADD_LOAD_STORE = 244;

    // ---- Fused i32 arithmetic ----
    /** [op, dst, a, imm, target]: s[dst] = (int) s[a] + imm, then jumps to target if that i32 is non-zero (an i32.add of a constant whose result br_if tests, as a loop counting to zero does). */
    public static final int I32_ADD_IMM_JUMP_IF = 245;
    /** [op, dst, a, mulImm, addImm]: s[dst] = (int) s[a] * mulImm + addImm, wrapping (an i32.mul by a constant whose result the next i32.add of a constant takes as its left operand). */
    public static final int I32_MUL_ADD_IMM = 246;

    // ---- Fused f64 read-modify-write ----
    /** [op, x, yAddr, yAddend, yOffset, addr, addend, offset]: the f64 at address (s[addr] + addend) + offset gets s[x] times the f64 at address (s[yAddr] + yAddend) + yOffset added to it, the product on the left and rounded to f64 first; the y load is done (and may trap) before the other access (an F64_MUL_LOAD whose product only an F64_ADD_LOAD_STORE right after it reads: {@code mem[p] = x * mem[q] + mem[p]}, the core of an axpy loop). */
    public static final int F64_MUL_LOAD_ADD_STORE = 247;
    /** [op, x, y, addr, addend, offset]: as F64_MUL_LOAD_ADD_STORE with the factor s[y] instead of a load: the f64 at address (s[addr] + addend) + offset gets s[x] * s[y] added to it, the product on the left and rounded to f64 first (an f64.mul whose product only an F64_ADD_LOAD_STORE right after it reads: {@code mem[p] = x * y + mem[p]}). */
    public static final int F64_MUL_ADD_LOAD_STORE = 248;
    /** [op, x, y, addr, addend, offset]: the f64 at address (s[addr] + addend) + offset gets s[x] * s[y] subtracted from it, the product rounded to f64 first (an F64_MUL_SUB of a value loaded from the address it is stored back to, the load a stack slot that nothing else reads: {@code mem[p] = mem[p] - x * y}). */
    public static final int F64_MUL_SUB_LOAD_STORE = 249;

    // ---- Pairs of additions ----
    /* Two additions of constants that follow each other, as loops step their counters and pointers: [op, dst2, a2, imm2, dst1, a1, imm1]: s[dst1] = s[a1] + imm1, then s[dst2] = s[a2] + imm2 (so the second may read what the first wrote), each as I32_ADD_IMM resp. I64_ADD_IMM computes it. The second comes first in the encoding, where a local.set retargets the instruction that produced its value. A sum that local.tee keeps and a local.set copies to a second local is such a pair too, its second addend 0. */
    public static final int I32_ADD_IMM_2 = 250;
    public static final int I64_ADD_IMM_2 = 251;

    // ---- Counter steps fused with their loop test ----
    /** [op, dst, a, imm, b, target]: s[dst] = (int) s[a] + imm, then jumps to target if that i32 differs from (int) s[b], read after the write (an I32_ADD_IMM whose result the next JUMP_IF_I32_NE compares: {@code i += k; if (i != n) continue}). */
    public static final int I32_ADD_IMM_JUMP_IF_NE = 252;
    /** [op, dst, a, imm, b, target]: as I32_ADD_IMM_JUMP_IF_NE for i64: s[dst] = s[a] + imm, then jumps to target if s[dst] != s[b]. */
    public static final int I64_ADD_IMM_JUMP_IF_NE = 253;
    /** [op, dst, a, imm, target]: s[dst] = s[a] + imm as I64_ADD_IMM computes it, then jumps to target if that i64 is non-zero (the step of a memory64 loop closed on its pointer: {@code p += k; if (p != 0) continue}). */
    public static final int I64_ADD_IMM_JUMP_IF = 254;

    // ---- Fused f64 read-modify-write of a product of three ----
    /** [op, a, c, b, addr, addend, offset]: as F64_MUL_ADD_LOAD_STORE with the factor x the product s[a] * s[b], rounded first: the f64 at address (s[addr] + addend) + offset gets (s[a] * s[b]) * s[c] added to it (an F64_MUL whose product only the F64_MUL_ADD_LOAD_STORE right after it reads, as its x: {@code mem[p] += a * b * c}). Its operands after c are those of one update of F64_MUL_MUL_ADD_LOAD_STORE_3. */
    public static final int F64_MUL_MUL_ADD_LOAD_STORE = 255;
    /** [op, a, c, b, addr, addend, offset]: as F64_MUL_SUB_LOAD_STORE with the factor x the product s[a] * s[b], rounded first: {@code mem[p] -= a * b * c}. */
    public static final int F64_MUL_MUL_SUB_LOAD_STORE = 256;

    // ---- A step by a slot fused with its loop test ----
    /** [op, dst, a, b, limit, target]: s[dst] = (int) s[a] + (int) s[b], then jumps to target if that i32 is less than (int) s[limit], signed, read after the write (an I32_ADD whose result the next JUMP_IF_I32_LT_S compares: {@code j += i; if (j < n) continue}). */
    public static final int I32_ADD_JUMP_IF_LT_S = 257;

    // ---- A load fused with the test of what it loaded ----
    /** [op, dst, addr, addend, offset, b, target]: loads s[dst] as LOAD32_S does, then jumps to target if that i32 is less than (int) s[b], signed, read after the write (a LOAD32_S whose result the next JUMP_IF_I32_LT_S compares: {@code while (a[i] < p) i++}). */
    public static final int LOAD32_JUMP_IF_LT_S = 258;
    /** [op, dst, addr, addend, offset, b, target]: as LOAD32_JUMP_IF_LT_S, jumping if the loaded i32 is greater than (int) s[b], signed. */
    public static final int LOAD32_JUMP_IF_GT_S = 259;

    // ---- Rotations fused with multiplications, as hashes compute them ----
    /** [op, dst, a, imm, amount]: s[dst] = rotl((int) s[a] * imm, amount), an I32_MUL_IMM whose product only the I32_ROTL_IMM right after it reads. */
    public static final int I32_MUL_ROTL_IMM = 260;
    /** [op, dst, a, amount, imm, addend]: s[dst] = rotl((int) s[a], amount) * imm + addend, an I32_ROTL_IMM whose result only the I32_MUL_IMM (addend 0) or I32_MUL_ADD_IMM right after it reads. */
    public static final int I32_ROTL_MUL_ADD_IMM = 261;

    // ---- Loop steps: pointers stepped in place, fused with the counter's step and test right after them ----
    /** [op, p, kp, q, kq, c, kc, limit, target]: s[p] = (int) s[p] + kp, then s[q] = (int) s[q] + kq, then s[c] = (int) s[c] + kc, then jumps to target if that i32 differs from (int) s[limit], read after the writes (an I32_ADD_IMM_2 whose additions are both in place, then an in-place I32_ADD_IMM_JUMP_IF_NE: a loop over two arrays, {@code p += 16; q += 16; i += 2; if (i != n) continue}). */
    public static final int I32_STEP_2_JUMP_IF_NE = 262;
    /** [op, p, kp, q, kq, c, kc, limit, target]: I32_STEP_2_JUMP_IF_NE with i64 additions and test (I64_ADD_IMM_2, I64_ADD_IMM_JUMP_IF_NE). */
    public static final int I64_STEP_2_JUMP_IF_NE = 263;
    /** [op, p, kp, c, kc, target]: s[p] = (int) s[p] + kp, then s[c] = (int) s[c] + kc, then jumps to target if that i32 is non-zero (an in-place I32_ADD_IMM, then an in-place I32_ADD_IMM_JUMP_IF: {@code p += 56; if (--n != 0) continue}). */
    public static final int I32_STEP_JUMP_IF = 264;
    /** [op, p, kp, c, kc, target]: I32_STEP_JUMP_IF with i64 additions and test (I64_ADD_IMM, I64_ADD_IMM_JUMP_IF). */
    public static final int I64_STEP_JUMP_IF = 265;

    // ---- An f64 accumulated from memory and stored ----
    /** [op, v, addr, addend, offset, sum, a, x, y, storeAddr, sum, storeAddend, storeOffset]: LOAD64, F64_MUL_ADD and STORE64 in a row, their operands in a row: s[v] = the 8 bytes at (s[addr] + addend) + offset, then s[sum] = s[a] + s[x] * s[y] as F64_MUL_ADD computes it, then s[sum] is stored at (s[storeAddr] + storeAddend) + storeOffset, each address formed and checked as LOAD64's and STORE64's are (a load whose value the multiply-add right after it reads, whose sum the store right after that stores: {@code x += v[i] * dt; p->x = x}, as an integrator steps positions). */
    public static final int F64_LOAD_MUL_ADD_STORE = 266;

    // ---- A hash's mixing of one word into its state ----
    /** [op, dst, a, imm, amount, imm2, b]: s[dst] = rotl((int) s[a] * imm, amount) * imm2 ^ (int) s[b], an I32_MUL_ROTL_IMM, the I32_MUL_IMM of its result and the I32_XOR of that with s[b], each result read by nothing but the next ({@code k *= c1; k = rotl(k, 15); k *= c2; h ^= k}, as murmur3 mixes a word into its hash). */
    public static final int I32_MUL_ROTL_MUL_XOR = 267;

    // ---- f64 expressions of vector arithmetic ----
    /** [op, dst, a0, b0, a1, b1, a2, b2]: s[dst] = (s[a0] * s[b0] + s[a1] * s[b1]) + s[a2] * s[b2], each product and sum rounded in that order (an F64_MUL and the two F64_MUL_ADDs that accumulate onto it: a dot product of 3-vectors, {@code dx*dx + dy*dy + dz*dz}). */
    public static final int F64_DOT_3 = 268;
    /** [op, dst, k, x]: s[dst] = s[k] / (s[x] * sqrt(s[x])), the square root and the product rounded (an F64_SQRT, the F64_MUL of its operand by it and the F64_DIV by that product: {@code dt / (d2 * sqrt(d2))}, an inverse cubed distance). */
    public static final int F64_DIV_MUL_SQRT = 269;
    /** [op, f, c, v0, addr0, addend0, offset0, v1, addr1, addend1, offset1, v2, addr2, addend2, offset2]: three F64_MUL_MUL_ADD_LOAD_STOREs in a row that share one of their first two factors, f, and their c: for k = 0, 1, 2 in order, the f64 at (s[addrk] + addendk) + offsetk, formed and checked as LOAD64's is, gets (s[f] * s[vk]) * s[c] added to it (a 3-vector update, {@code v += d * m * dt}). */
    public static final int F64_MUL_MUL_ADD_LOAD_STORE_3 = 270;
    /** [op, f, c, v0, addr0, addend0, offset0, v1, addr1, addend1, offset1, v2, addr2, addend2, offset2]: as F64_MUL_MUL_ADD_LOAD_STORE_3, subtracting: {@code v -= d * m * dt}. */
    public static final int F64_MUL_MUL_SUB_LOAD_STORE_3 = 271;

    // ---- A loop whose body is one store ----
    /** [op, addr, value, addend, offset, dst, a, b, limit, target]: a STORE8_IMM, then an I32_ADD_JUMP_IF_LT_S, its operands after the store's (a loop that marks every b-th byte: {@code for (j = i * i; j < n; j += i) a[j] = 0}). */
    public static final int STORE8_IMM_ADD_JUMP_IF_LT_S = 272;
    /** [op, addr, value, addend, offset, dst, a, b, limit, target, pointer, stride]: a STORE8_IMM, then s[pointer] += s[stride] as I64_ADD computes it, then an I32_ADD_JUMP_IF_LT_S, in that order (the loop of STORE8_IMM_ADD_JUMP_IF_LT_S with a 64-bit pointer stepped beside its index, as on memory64). */
    public static final int STORE8_IMM_STEP_ADD_JUMP_IF_LT_S = 273;

    // ---- A word loaded and mixed into a hash ----
    /** [op, dst, addr, imm, amount, imm2, b, addend, offset]: I32_MUL_ROTL_MUL_XOR of the i32 loaded as LOAD32_S loads it from address (s[addr] + addend) + offset, a load whose value only the mix right after it reads ({@code k = p[i]; k *= c1; k = rotl(k, 15); k *= c2; h ^= k}). */
    public static final int I32_LOAD_MUL_ROTL_MUL_XOR = 274;

    // ---- A loop run as a whole ----
    /**
     * [op]: marks a loop that the interpreter runs in one go, outside its dispatch loop, and that
     * compiled code runs as it is (for it the mark does nothing). The marked loop follows the mark
     * right after the FUEL that starts its run, and its last instruction branches back to that FUEL:
     * one STORE8_IMM_ADD_JUMP_IF_LT_S or STORE8_IMM_STEP_ADD_JUMP_IF_LT_S, or F64_MUL_LOAD_ADD_STOREs
     * closed by an I32_STEP_2_JUMP_IF_NE or I64_STEP_2_JUMP_IF_NE (see LoopMarking). Each turn after
     * the first charges that FUEL's cost, as the branch back to it would.
     */
    public static final int WHOLE_LOOP = 275;
    /** Number of opcodes. */
    public static final int COUNT = 276;

    private static final String[] NAMES = {
        "UNREACHABLE", "JUMP", "JUMP_IF", "JUMP_UNLESS", "BR", "BR_REFS",
        "BR_IF", "BR_IF_REFS", "BR_TABLE", "RETURN", "RETURN_REFS", "CALL",
        "CALL_INDIRECT", "RETURN_CALL", "RETURN_CALL_INDIRECT", "THROW", "RETHROW", "COPY",
        "COPY_REF", "GLOBAL_GET", "GLOBAL_SET", "GLOBAL_GET_REF", "GLOBAL_SET_REF", "CONST_32",
        "CONST_64", "SELECT", "SELECT_REF", "REF_NULL", "REF_IS_NULL", "REF_FUNC",
        "LOAD8_S", "LOAD8_U", "LOAD16_S", "LOAD16_U", "LOAD32_S", "LOAD32_U",
        "LOAD64", "STORE8", "STORE16", "STORE32", "STORE64", "MEM_LOAD",
        "MEM_STORE", "MEMORY_SIZE", "MEMORY_GROW", "MEMORY_FILL", "MEMORY_COPY", "MEMORY_INIT",
        "DATA_DROP", "TABLE_GET", "TABLE_SET", "TABLE_SIZE", "TABLE_GROW", "TABLE_FILL",
        "TABLE_COPY", "TABLE_INIT", "ELEM_DROP", "I32_EQZ", "I32_EQ", "I32_NE",
        "I32_LT_S", "I32_LT_U", "I32_GT_S", "I32_GT_U", "I32_LE_S", "I32_LE_U",
        "I32_GE_S", "I32_GE_U", "I32_CLZ", "I32_CTZ", "I32_POPCNT", "I32_ADD",
        "I32_SUB", "I32_MUL", "I32_DIV_S", "I32_DIV_U", "I32_REM_S", "I32_REM_U",
        "I32_AND", "I32_OR", "I32_XOR", "I32_SHL", "I32_SHR_S", "I32_SHR_U",
        "I32_ROTL", "I32_ROTR", "I64_EQZ", "I64_EQ", "I64_NE", "I64_LT_S",
        "I64_LT_U", "I64_GT_S", "I64_GT_U", "I64_LE_S", "I64_LE_U", "I64_GE_S",
        "I64_GE_U", "I64_CLZ", "I64_CTZ", "I64_POPCNT", "I64_ADD", "I64_SUB",
        "I64_MUL", "I64_DIV_S", "I64_DIV_U", "I64_REM_S", "I64_REM_U", "I64_AND",
        "I64_OR", "I64_XOR", "I64_SHL", "I64_SHR_S", "I64_SHR_U", "I64_ROTL",
        "I64_ROTR", "F32_EQ", "F32_NE", "F32_LT", "F32_GT", "F32_LE",
        "F32_GE", "F32_ABS", "F32_NEG", "F32_CEIL", "F32_FLOOR", "F32_TRUNC",
        "F32_NEAREST", "F32_SQRT", "F32_ADD", "F32_SUB", "F32_MUL", "F32_DIV",
        "F32_MIN", "F32_MAX", "F32_COPYSIGN", "F64_EQ", "F64_NE", "F64_LT",
        "F64_GT", "F64_LE", "F64_GE", "F64_ABS", "F64_NEG", "F64_CEIL",
        "F64_FLOOR", "F64_TRUNC", "F64_NEAREST", "F64_SQRT", "F64_ADD", "F64_SUB",
        "F64_MUL", "F64_DIV", "F64_MIN", "F64_MAX", "F64_COPYSIGN", "I64_EXTEND_I32_S",
        "I64_EXTEND_I32_U", "I32_TRUNC_F32_S", "I32_TRUNC_F32_U", "I32_TRUNC_F64_S", "I32_TRUNC_F64_U", "I64_TRUNC_F32_S",
        "I64_TRUNC_F32_U", "I64_TRUNC_F64_S", "I64_TRUNC_F64_U", "F32_CONVERT_I32_S", "F32_CONVERT_I32_U", "F32_CONVERT_I64_S",
        "F32_CONVERT_I64_U", "F64_CONVERT_I32_S", "F64_CONVERT_I32_U", "F64_CONVERT_I64_S", "F64_CONVERT_I64_U", "F32_DEMOTE_F64",
        "F64_PROMOTE_F32", "I32_EXTEND8_S", "I32_EXTEND16_S", "I64_EXTEND8_S", "I64_EXTEND16_S", "I32_TRUNC_SAT_F32_S",
        "I32_TRUNC_SAT_F32_U", "I32_TRUNC_SAT_F64_S", "I32_TRUNC_SAT_F64_U", "I64_TRUNC_SAT_F32_S", "I64_TRUNC_SAT_F32_U", "I64_TRUNC_SAT_F64_S",
        "I64_TRUNC_SAT_F64_U", "FUEL",
        "I32_ADD_IMM", "I32_MUL_IMM", "I32_AND_IMM", "I32_OR_IMM",
        "I32_XOR_IMM", "I32_SHL_IMM", "I32_SHR_S_IMM", "I32_SHR_U_IMM", "I32_ROTL_IMM",
        "I32_EQ_IMM", "I32_NE_IMM", "I32_LT_S_IMM", "I32_LT_U_IMM",
        "I32_GT_S_IMM", "I32_GT_U_IMM", "I32_LE_S_IMM", "I32_LE_U_IMM",
        "I32_GE_S_IMM", "I32_GE_U_IMM", "I64_ADD_IMM", "I64_MUL_IMM",
        "I64_AND_IMM", "I64_OR_IMM", "I64_XOR_IMM", "I64_SHL_IMM",
        "I64_SHR_S_IMM", "I64_SHR_U_IMM", "JUMP_IF_64", "JUMP_UNLESS_64", "JUMP_IF_I32_EQ", "JUMP_IF_I32_NE",
        "JUMP_IF_I32_LT_S", "JUMP_IF_I32_LT_U", "JUMP_IF_I32_LE_S", "JUMP_IF_I32_LE_U",
        "JUMP_IF_I32_EQ_IMM", "JUMP_IF_I32_NE_IMM", "JUMP_IF_I32_LT_S_IMM", "JUMP_IF_I32_LT_U_IMM",
        "JUMP_IF_I32_GE_S_IMM", "JUMP_IF_I32_GE_U_IMM", "JUMP_IF_I64_EQ", "JUMP_IF_I64_NE",
        "JUMP_IF_I64_LT_S", "JUMP_IF_I64_LT_U", "JUMP_IF_I64_LE_S", "JUMP_IF_I64_LE_U",
        "F64_ADD_LOAD", "F64_SUB_LOAD", "F64_MUL_LOAD", "F64_MUL_ADD", "F64_MUL_SUB",
        "STORE8_IMM", "STORE16_IMM", "STORE32_IMM", "STORE64_IMM", "F64_ADD_LOAD_STORE",
        "I32_ADD_IMM_JUMP_IF", "I32_MUL_ADD_IMM", "F64_MUL_LOAD_ADD_STORE", "F64_MUL_ADD_LOAD_STORE",
        "F64_MUL_SUB_LOAD_STORE", "I32_ADD_IMM_2", "I64_ADD_IMM_2", "I32_ADD_IMM_JUMP_IF_NE", "I64_ADD_IMM_JUMP_IF_NE", "I64_ADD_IMM_JUMP_IF",
        "F64_MUL_MUL_ADD_LOAD_STORE", "F64_MUL_MUL_SUB_LOAD_STORE", "I32_ADD_JUMP_IF_LT_S",
        "LOAD32_JUMP_IF_LT_S", "LOAD32_JUMP_IF_GT_S", "I32_MUL_ROTL_IMM", "I32_ROTL_MUL_ADD_IMM",
        "I32_STEP_2_JUMP_IF_NE", "I64_STEP_2_JUMP_IF_NE", "I32_STEP_JUMP_IF", "I64_STEP_JUMP_IF",
        "F64_LOAD_MUL_ADD_STORE", "I32_MUL_ROTL_MUL_XOR", "F64_DOT_3", "F64_DIV_MUL_SQRT",
        "F64_MUL_MUL_ADD_LOAD_STORE_3", "F64_MUL_MUL_SUB_LOAD_STORE_3", "STORE8_IMM_ADD_JUMP_IF_LT_S",
        "STORE8_IMM_STEP_ADD_JUMP_IF_LT_S", "I32_LOAD_MUL_ROTL_MUL_XOR", "WHOLE_LOOP",
    };

    private static final int[] WITHOUT_IMMEDIATE = {
        I32_ADD, I32_MUL, I32_AND, I32_OR, I32_XOR, I32_SHL, I32_SHR_S, I32_SHR_U, I32_ROTL,
        I32_EQ, I32_NE, I32_LT_S, I32_LT_U, I32_GT_S, I32_GT_U, I32_LE_S, I32_LE_U, I32_GE_S, I32_GE_U,
        I64_ADD, I64_MUL, I64_AND, I64_OR, I64_XOR, I64_SHL, I64_SHR_S, I64_SHR_U,
    };

    /** The two-operand instruction an {@code _IMM} form computes (I32_ADD for I32_ADD_IMM); other opcodes unchanged. */
    public static int withoutImmediate(int op) {
        return op >= I32_ADD_IMM && op <= I64_SHR_U_IMM ? WITHOUT_IMMEDIATE[op - I32_ADD_IMM] : op;
    }

    /** Whether {@code op} is a numeric instruction with one operand ({@code [op, dst, a]}). */
    public static boolean isUnaryNumeric(int op) {
        return switch (op) {
            case I32_EQZ, I32_CLZ, I32_CTZ, I32_POPCNT, I64_EQZ, I64_CLZ, I64_CTZ, I64_POPCNT -> true;
            default -> op >= F32_ABS && op <= F32_SQRT || op >= F64_ABS && op <= F64_SQRT
                    || op >= I64_EXTEND_I32_S && op <= I64_TRUNC_SAT_F64_U;
        };
    }

    /** The number of ints the instruction at {@code pc} occupies, opcode included. */
    public static int length(int[] code, int pc) {
        int op = code[pc];
        return 1 + switch (op) {
            case UNREACHABLE, WHOLE_LOOP -> 0;
            case JUMP, RETHROW, REF_NULL, REF_IS_NULL, DATA_DROP, ELEM_DROP, SELECT_REF, FUEL -> 1;
            case JUMP_IF, JUMP_UNLESS, JUMP_IF_64, JUMP_UNLESS_64, RETURN, RETURN_REFS, CALL, RETURN_CALL, THROW, COPY, COPY_REF,
                 GLOBAL_GET, GLOBAL_SET, GLOBAL_GET_REF, GLOBAL_SET_REF, CONST_32, REF_FUNC, MEMORY_SIZE,
                 MEMORY_GROW, MEMORY_FILL, TABLE_GET, TABLE_SET, TABLE_SIZE, TABLE_GROW, TABLE_FILL -> 2;
            case CONST_64, MEMORY_COPY, MEMORY_INIT, TABLE_COPY, TABLE_INIT -> 3;
            case BR, BR_REFS, CALL_INDIRECT, RETURN_CALL_INDIRECT, SELECT, F64_MUL_ADD, F64_MUL_SUB -> 4;
            case BR_IF, BR_IF_REFS, MEM_LOAD, MEM_STORE, F64_ADD_LOAD, F64_SUB_LOAD, F64_MUL_LOAD -> 5;
            case BR_TABLE -> 2 + 5 * (code[pc + 2] + 1);
            case F64_MUL_LOAD_ADD_STORE -> 7;
            case LOAD32_JUMP_IF_LT_S, LOAD32_JUMP_IF_GT_S -> 6;
            case I32_MUL_ROTL_IMM -> 4;
            case I32_ROTL_MUL_ADD_IMM, I32_STEP_JUMP_IF, I64_STEP_JUMP_IF -> 5;
            case I32_STEP_2_JUMP_IF_NE, I64_STEP_2_JUMP_IF_NE -> 8;
            case F64_LOAD_MUL_ADD_STORE -> 12;
            case I32_MUL_ROTL_MUL_XOR -> 6;
            case F64_DOT_3 -> 7;
            case F64_MUL_MUL_ADD_LOAD_STORE_3, F64_MUL_MUL_SUB_LOAD_STORE_3 -> 14;
            case STORE8_IMM_ADD_JUMP_IF_LT_S -> 9;
            case STORE8_IMM_STEP_ADD_JUMP_IF_LT_S -> 11;
            case I32_LOAD_MUL_ROTL_MUL_XOR -> 8;
            case F64_MUL_MUL_ADD_LOAD_STORE, F64_MUL_MUL_SUB_LOAD_STORE -> 6;
            case I32_ADD_IMM_2, I64_ADD_IMM_2 -> 6;
            case I32_ADD_IMM_JUMP_IF_NE, I64_ADD_IMM_JUMP_IF_NE, I32_ADD_JUMP_IF_LT_S -> 5;
            case F64_MUL_ADD_LOAD_STORE, F64_MUL_SUB_LOAD_STORE -> 5;
            case STORE8_IMM, STORE16_IMM, STORE32_IMM, STORE64_IMM, F64_ADD_LOAD_STORE, I32_ADD_IMM_JUMP_IF, I64_ADD_IMM_JUMP_IF,
                 I32_MUL_ADD_IMM -> 4;
            default -> op >= LOAD8_S && op <= STORE64 ? 4 : op >= I32_ADD_IMM ? 3 : isUnaryNumeric(op) ? 2 : 3;
        };
    }

    /** The 64-bit immediate (a constant's bits, a memory offset) stored as its low then its high word from {@code code[at]}. */
    public static long immediate64(int[] code, int at) {
        return ((long) code[at + 1] << 32) | (code[at] & 0xFFFFFFFFL);
    }

    /** Whether {@code op} writes a constant to a slot: CONST_32 or CONST_64. */
    public static boolean isConstant(int op) {
        return op == CONST_32 || op == CONST_64;
    }

    /** The value the CONST_32 or CONST_64 at {@code pc} writes to its slot (a CONST_32's sign-extended). */
    public static long constant(int[] code, int pc) {
        return code[pc] == CONST_32 ? code[pc + 2] : immediate64(code, pc + 2);
    }

    /** The opcode's name, for disassembly and diagnostics. */
    public static String name(int op) {
        return op >= 0 && op < COUNT ? NAMES[op] : "op#" + op;
    }
}
