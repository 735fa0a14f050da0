package dev.beamr.engine.validation;

import dev.beamr.engine.binary.ModuleDecoder;
import dev.beamr.engine.ir.CompiledFunction;
import dev.beamr.engine.ir.CompiledModule;
import dev.beamr.engine.ir.Handler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The exact code that validation emits for the small functions of {@code wat/lowering.wat}. */
class LoweringTest {
    private static CompiledModule module;

    @BeforeAll
    static void compile() throws IOException {
        try (InputStream in = LoweringTest.class.getResourceAsStream("/wasm/lowering.wasm")) {
            assertNotNull(in, "test module wasm/lowering.wasm is missing; run scripts/build-test-modules.sh");
            module = ModuleValidator.validate(ModuleDecoder.decode(in.readAllBytes()));
        }
        for (CompiledFunction function : module.functions()) IrText.checkShape(function);
    }

    private static CompiledFunction function(String name) {
        return Arrays.stream(module.functions()).filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no function " + name));
    }

    private static void assertCode(String name, String expected) {
        assertEquals(expected, IrText.of(function(name).code()), name);
    }

    @Test
    void localGetReadsTheLocalInPlace() {
        assertCode("add", "0 FUEL 4 | 2 I32_ADD 2 0 1 | 6 RETURN 2 1");
        assertEquals(4, function("add").frameSize());
    }

    @Test
    void localSetRetargetsItsProducerUnlessTheOldValueIsStillOnTheStack() {
        assertCode("aliases", "0 FUEL 12 | 2 I32_MUL 3 0 1 | 6 COPY 2 0 | 9 COPY 0 3 | 12 I32_ADD_IMM 1 1 -3"
                + " | 16 I32_ADD 2 2 0 | 20 RETURN 2 1");
    }

    @Test
    void anEqzOfAnEqzTestsTheInnerOperandAndAnI64StepJoinsItsTest() {
        assertCode("double-eqz", "0 FUEL 1 | 2 FUEL 7 | 4 I64_ADD_IMM_JUMP_IF 0 0 8 2 | 9 FUEL 5 | 11 JUMP_UNLESS 1 22"
                + " | 14 FUEL 2 | 16 CONST_32 3 1 | 19 RETURN 3 1 | 22 FUEL 7 | 24 I32_EQZ 2 1 | 27 JUMP_UNLESS 2 30"
                + " | 30 FUEL 3 | 32 CONST_32 3 0 | 35 RETURN 3 1");
    }

    @Test
    void fuelRunsStartAtLabelsAndAfterBranchesAndCountEveryInstruction() {
        // block loop | local.get i32.eqz br_if | local.get local.get i32.add local.set local.get
        // i32.const i32.sub local.set br | end (of the block, a branch target) local.get end
        assertCode("count-down", "0 FUEL 2 | 2 FUEL 3 | 4 JUMP_UNLESS 0 19 | 7 FUEL 9 | 9 I32_ADD 1 1 0"
                + " | 13 I32_ADD_IMM 0 0 -1 | 17 JUMP 2 | 19 FUEL 3 | 21 COPY 2 1 | 24 RETURN 2 1");
    }

    @Test
    void f64ArithmeticTakesOverTheLoadOrMultiplyThatComputedItsRightOperand() {
        assertCode("f64-fusion", "0 FUEL 11 | 2 F64_MUL_ADD 3 1 1 2 | 7 F64_MUL_LOAD 4 2 0 0 8 | 13 F64_SUB 3 3 4"
                + " | 17 RETURN 3 1");
        assertCode("f64-no-fusion", "0 FUEL 17 | 2 LOAD64 2 0 0 0 | 7 F64_ADD 3 1 2 | 11 LOAD64 4 0 0 0"
                + " | 16 CONST_64 5 0 1073741824 | 20 F64_MUL 4 4 5 | 24 F64_MUL 5 1 1 | 28 F64_SUB 5 5 2"
                + " | 32 F64_DIV 4 4 5 | 36 F64_DIV 3 3 4 | 40 RETURN 3 1");
    }

    @Test
    void storesTakeAConstantValueAsAnImmediateWhenItFitsAnI32() {
        assertCode("store-constants", "0 FUEL 13 | 2 STORE8_IMM 0 -1 0 1 | 7 STORE64_IMM 0 -2 0 0 | 12 CONST_64 2 0 1"
                + " | 16 STORE64 0 2 0 0 | 21 STORE64_IMM 0 0 0 8 | 26 RETURN 1 0");
    }

    @Test
    void anF64SumOfALoadStoredBackToItsAddressIsOneInstruction() {
        assertCode("f64-add-in-place", "0 FUEL 13 | 2 F64_ADD_LOAD_STORE 1 0 0 8 | 7 F64_ADD_LOAD 3 1 0 0 8"
                + " | 13 STORE64 0 3 0 0 | 18 RETURN 2 0");
    }

    @Test
    void additionsOfConstantsOneAfterTheOtherPairUp() {
        assertCode("add-pairs", "0 FUEL 28 | 2 I32_ADD_IMM_2 1 0 1 0 0 4 | 9 I32_ADD_IMM 0 0 -1"
                + " | 13 I64_ADD_IMM_2 3 3 -8 2 2 8 | 20 I32_ADD_IMM 1 1 2 | 24 I32_ADD 4 0 1 | 28 RETURN 4 1");
    }

    @Test
    void anF64ProductSubtractedInPlaceIsOneInstructionUnlessALocalKeepsTheLoad() {
        // The second's product of three then joins it too (ProductFusion).
        assertCode("f64-subtract-in-place", "0 FUEL 30 | 2 F64_MUL_SUB_LOAD_STORE 1 2 0 0 0"
                + " | 8 F64_MUL_MUL_SUB_LOAD_STORE 1 2 2 0 0 8 | 15 LOAD64 1 0 0 0 | 20 F64_MUL 5 1 2"
                + " | 24 F64_MUL_SUB 4 1 5 2 | 29 STORE64 0 4 0 0 | 34 RETURN 3 0");
    }

    @Test
    void aProductOnTheLeftOfAnAdditionFusesAsOnTheRightUnlessALocalKeepsIt() {
        assertCode("f64-product-first", "0 FUEL 17 | 2 F64_MUL_ADD 3 2 0 1 | 7 CONST_64 5 0 1072693248"
                + " | 11 F64_MUL_ADD 4 5 0 1 | 16 F64_MUL 2 0 1 | 20 F64_ADD 5 2 2 | 24 RETURN 3 3");
    }

    @Test
    void anF64ProductAddedInPlaceIsOneInstructionUnlessALocalKeepsIt() {
        assertCode("f64-axpy", "0 FUEL 28 | 2 F64_MUL_LOAD_ADD_STORE 2 1 0 8 0 0 0 | 10 F64_MUL_LOAD 3 2 1 0 0"
                + " | 16 F64_ADD_LOAD_STORE 3 0 0 0 | 21 F64_MUL_ADD_LOAD_STORE 2 3 0 0 0 | 27 RETURN 4 0");
    }

    @Test
    void anI32ProductByAConstantPlusAConstantIsOneInstructionUnlessALocalKeepsIt() {
        assertCode("multiply-add", "0 FUEL 13 | 2 I32_MUL_ADD_IMM 2 0 5 -7 | 7 I32_MUL_IMM 1 0 3 | 11 I32_ADD_IMM 3 1 -1"
                + " | 15 I32_ADD 2 2 3 | 19 RETURN 2 1");
    }

    @Test
    void brIfOnTheCounterAnAddJustWroteAddsAndJumpsInOneInstruction() {
        // The in-place step before the counter's joins it too (LoopStepFusion); the one before a
        // test of a copy stays apart.
        assertCode("count-to-zero", "0 FUEL 1 | 2 FUEL 9 | 4 I32_STEP_JUMP_IF 1 3 0 -1 2"
                + " | 10 FUEL 6 | 12 I32_ADD_IMM 0 0 1 | 16 JUMP_UNLESS 0 24 | 19 FUEL 2 | 21 CONST_32 1 0"
                + " | 24 FUEL 3 | 26 COPY 2 1 | 29 RETURN 2 1");
    }

    @Test
    void aCounterStepAndItsInequalityTestAreOneInstruction() {
        assertCode("step-and-test", "0 FUEL 1 | 2 FUEL 11 | 4 I32_ADD_IMM 4 4 3 | 8 I32_ADD_IMM_JUMP_IF_NE 0 0 1 1 2"
                + " | 14 FUEL 2 | 16 FUEL 7 | 18 I32_ADD_IMM_JUMP_IF_NE 0 0 -2 1 16"
                + " | 24 FUEL 2 | 26 FUEL 7 | 28 I64_ADD_IMM_JUMP_IF_NE 2 2 8 3 26"
                + " | 34 FUEL 2 | 36 FUEL 7 | 38 I32_ADD_IMM 0 0 1 | 42 JUMP_IF_I32_LT_S 0 1 36"
                + " | 46 FUEL 3 | 48 COPY 5 4 | 51 RETURN 5 1");
    }

    @Test
    void aSumSetToASecondLocalAfterALocalTeeIsAPairOfAdditions() {
        assertCode("tee-then-set", "0 FUEL 16 | 2 I32_ADD_IMM_2 1 0 0 0 0 -4 | 9 I64_ADD_IMM_2 3 2 0 2 2 8"
                + " | 16 F64_ADD 4 4 5 | 20 COPY 5 4 | 23 RETURN 6 0");
    }

    @Test
    void storingZeroToALocalStillAtItsInitialZeroEmitsNothingBeforeTheFirstBlock() {
        assertCode("zero-locals", "0 FUEL 14 | 2 CONST_32 0 0 | 5 CONST_32 2 5 | 8 CONST_32 2 0 | 11 CONST_64 1 0 0"
                + " | 15 COPY 3 1 | 18 RETURN 3 1");
    }

    @Test
    void comparisonsFuseWithTheBranchThatConsumesThem() {
        assertCode("compare-branch", "0 FUEL 5 | 2 JUMP_IF_I32_LT_U_IMM 0 10 31 | 6 FUEL 3 | 8 JUMP_UNLESS_64 1 31"
                + " | 11 FUEL 4 | 13 CONST_64 3 0 0 | 17 JUMP_IF_I64_LT_S 1 3 29 | 21 FUEL 2 | 23 CONST_32 2 1"
                + " | 26 RETURN 2 1 | 29 FUEL 1 | 31 FUEL 3 | 33 CONST_32 2 0 | 36 RETURN 2 1");
    }

    @Test
    void branchesCopyOnlyWhenValuesAreAboveTheLabelHeight() {
        assertCode("branch-copies", "0 FUEL 4 | 2 CONST_32 1 1 | 5 BR 10 1 0 1 | 10 FUEL 2 | 12 RETURN 0 1");
        // The jump to the block's end took a copy of its return, and the two runs became one.
        assertCode("branch-in-place", "0 FUEL 5 | 2 CONST_32 0 1 | 5 RETURN 0 1");
    }

    @Test
    void ifJumpsToItsElseArmAndTheThenArmReturnsWithACopyOfTheEnd() {
        assertCode("if-else", "0 FUEL 2 | 2 JUMP_UNLESS 0 14 | 5 FUEL 4 | 7 CONST_64 1 1 0 | 11 RETURN 1 1"
                + " | 14 FUEL 1 | 16 CONST_64 1 -2 -1 | 20 FUEL 2 | 22 RETURN 1 1");
    }

    @Test
    void aJumpToAShortPureEndTakesACopyWhoseFirstInstructionReadsTheCopiedLocal() {
        assertCode("early-result", "0 FUEL 3 | 2 COPY 3 2 | 5 JUMP_UNLESS 0 20 | 8 FUEL 6 | 10 I64_EXTEND_I32_S 4 1"
                + " | 13 I64_ADD 3 3 4 | 17 RETURN 3 1 | 20 FUEL 1 | 22 CONST_32 4 3 | 25 FUEL 4"
                + " | 27 I64_EXTEND_I32_S 4 4 | 30 I64_ADD 3 3 4 | 34 RETURN 3 1");
    }

    @Test
    void noCopyOfAnEndThatMayTrapOrIsLongOrForAJumpWhoseRunMayTrap() {
        assertCode("end-may-trap", "0 FUEL 2 | 2 JUMP_UNLESS 0 12 | 5 FUEL 2 | 7 COPY 2 1 | 10 JUMP 17"
                + " | 12 FUEL 1 | 14 CONST_32 2 3 | 17 FUEL 4 | 19 I32_DIV_S 2 2 1 | 23 RETURN 2 1");
        assertCode("long-end", "0 FUEL 6 | 2 CONST_32 2 1 | 5 CONST_32 3 2 | 8 CONST_32 4 3 | 11 COPY 5 1"
                + " | 14 JUMP_UNLESS 0 24 | 17 FUEL 2 | 19 COPY 6 1 | 22 JUMP 29 | 24 FUEL 1 | 26 CONST_32 6 3"
                + " | 29 FUEL 6 | 31 I32_XOR 5 5 6 | 35 I32_MUL 4 4 5 | 39 I32_ADD 3 3 4 | 43 I32_ADD 2 2 3"
                + " | 47 RETURN 2 1");
        assertCode("arm-may-trap", "0 FUEL 3 | 2 COPY 2 1 | 5 JUMP_UNLESS 0 16 | 8 FUEL 4 | 10 I32_REM_U 3 1 0"
                + " | 14 JUMP 21 | 16 FUEL 1 | 18 CONST_32 3 3 | 21 FUEL 3 | 23 I32_ADD 2 2 3 | 27 RETURN 2 1");
    }

    @Test
    void loopBranchesGoBackToTheLoopStart() {
        assertCode("loop", "0 FUEL 1 | 2 FUEL 6 | 4 I32_ADD_IMM_JUMP_IF 0 0 -1 2 | 9 FUEL 3 | 11 COPY 1 0"
                + " | 14 RETURN 1 1");
    }

    @Test
    void brTableEntriesCarryTheirOwnCopies() {
        assertCode("switch", "0 FUEL 6 | 2 CONST_32 1 100 | 5 CONST_32 2 5"
                + " | 8 BR_TABLE 0 2 26 2 2 1 0 32 2 1 1 0 32 2 1 1 0 | 26 FUEL 2 | 28 I32_ADD 1 1 2 | 32 FUEL 2"
                + " | 34 RETURN 1 1");
    }

    @Test
    void unreachableCodeEmitsNothing() {
        assertCode("dead-code", "0 FUEL 1 | 2 UNREACHABLE");
        assertEquals(0, function("dead-code").frameSize());
    }

    @Test
    void memoryAccessesUseShortFormsOnlyForMemoryZeroAndSmallOffsets() {
        assertCode("memory", "0 FUEL 11 | 2 LOAD8_U 3 0 0 0 | 7 STORE32 0 3 0 4 | 12 CONST_64 3 3 0 | 16 COPY 2 1"
                + " | 19 MEM_STORE 40 2 1 8 0 | 25 CONST_32 3 4 | 28 COPY 2 0"
                + " | 31 MEM_STORE 37 2 0 -2147483648 0 | 37 RETURN 2 0");
    }

    @Test
    void anAddressJustComputedAsLocalPlusConstantFoldsIntoTheAccess() {
        // The store's address was computed before its value: the load folds its addition as it is
        // lowered, the store's waits in a slot until AddressFolding folds it too.
        assertCode("address-add", "0 FUEL 9 | 2 LOAD32_S 2 0 8 0 | 7 STORE32 0 2 16 0 | 12 RETURN 1 0");
    }

    @Test
    void aSumKeptInALocalOnlyForAccessesFoldsIntoThemAndACopyOfItBecomesTheAddition() {
        // A local.tee keeps the store's address for the load of the same place (an axpy pair).
        assertCode("address-tee", "0 FUEL 13 | 2 F64_MUL_LOAD_ADD_STORE 2 1 0 8 0 8 0 | 10 RETURN 4 0");
        // The pointer step copies the sum; the copy of that copy, for the result, folds on the next round.
        assertCode("address-copy", "0 FUEL 11 | 2 STORE32_IMM 0 1 8 0 | 7 I32_ADD_IMM 2 0 8 | 11 RETURN 2 1");
    }

    @Test
    void aSumReadOtherwiseOrWhoseOperandChangesBeforeTheAccessStays() {
        assertCode("address-kept", "0 FUEL 11 | 2 I32_ADD_IMM 1 0 4 | 6 STORE32_IMM 1 5 0 0 | 11 I32_ADD 2 1 0"
                + " | 15 RETURN 2 1");
        assertCode("address-operand-changes", "0 FUEL 12 | 2 I32_ADD_IMM 1 0 4 | 6 I32_MUL_IMM 0 0 2"
                + " | 10 STORE32_IMM 1 5 0 0 | 15 RETURN 2 0");
    }

    @Test
    void aProductOnlyMultipliedIntoAStoreInPlaceJoinsItUnlessALocalKeepsIt() {
        assertCode("product-of-three", "0 FUEL 11 | 2 F64_MUL_MUL_SUB_LOAD_STORE 1 3 2 0 0 0 | 9 RETURN 4 0");
        assertCode("product-kept", "0 FUEL 13 | 2 F64_MUL 4 1 2 | 6 F64_MUL_SUB_LOAD_STORE 4 3 0 0 0 | 12 COPY 5 4"
                + " | 15 RETURN 5 1");
    }

    @Test
    void aLoadAndAProductFurtherBackJoinTheStoreThatUpdatesInPlaceUnlessAStoreComesBetween() {
        assertCode("update-later", "0 FUEL 18 | 2 F64_SQRT 6 3 | 5 F64_MUL_MUL_SUB_LOAD_STORE 1 3 2 0 0 0 | 12 RETURN 7 0");
        assertCode("update-past-a-store", "0 FUEL 14 | 2 LOAD64 4 0 0 0 | 7 STORE64 3 1 0 0 | 12 F64_MUL_SUB 6 4 1 2"
                + " | 17 STORE64 0 6 0 0 | 22 RETURN 5 0");
    }

    @Test
    void callsPassArgumentsInPlace() {
        assertCode("calls", "0 FUEL 7 | 2 COPY 2 0 | 5 CONST_32 1 1 | 8 CALL 9 1 | 11 CONST_32 2 0"
                + " | 14 CALL_INDIRECT 4 0 2 1 | 19 CONST_32 2 2 | 22 RETURN_CALL 9 1");
        assertEquals("func[9]", module.functions()[9].name());
    }

    @Test
    void referenceLocalsAreListedAndCopiedAsReferences() {
        CompiledFunction refs = function("refs");
        assertArrayEquals(new int[] {0, 2}, refs.refLocals());
        assertCode("refs", "0 FUEL 2 | 2 COPY_REF 3 0 | 5 RETURN_REFS 3 1");
    }

    @Test
    void catchBodiesHoldTheExceptionBelowThePayloadAndMoveResultsDown() {
        assertCode("try-catch", "0 FUEL 3 | 2 CONST_32 0 1 | 5 THROW 0 0 | 8 FUEL 1 | 10 BR 23 1 0 1 | 15 FUEL 1"
                + " | 17 CONST_32 1 2 | 20 COPY 0 1 | 23 FUEL 2 | 25 RETURN 0 1");
        assertArrayEquals(new Handler[] {
                new Handler(2, 8, 0, 8, 1, 0),
                new Handler(2, 8, Handler.CATCH_ALL, 15, 1, 0)}, function("try-catch").handlers());
    }

    @Test
    void innerHandlersComeFirstAndDelegatesSkipToTheTargetTry() {
        assertCode("nested-try", "0 FUEL 8 | 2 CONST_32 0 1 | 5 GLOBAL_SET 0 0 | 8 CONST_32 0 1 | 11 JUMP 17"
                + " | 13 FUEL 1 | 15 RETHROW 0 | 17 FUEL 2 | 19 JUMP 24 | 21 COPY 0 1 | 24 FUEL 2 | 26 RETURN 0 1");
        assertArrayEquals(new Handler[] {
                new Handler(2, 8, Handler.DELEGATE, 2, 0, 0),
                new Handler(8, 11, Handler.CATCH_ALL, 13, 1, 0),
                new Handler(2, 19, 0, 21, 1, 0)}, function("nested-try").handlers());
    }

    @Test
    void delegatingToTheFunctionLabelLeavesTheFunction() {
        Handler[] handlers = function("delegate-to-caller").handlers();
        assertArrayEquals(new Handler[] {new Handler(2, 8, Handler.DELEGATE, 1, 0, 0)}, handlers);
    }

    @Test
    void aRotationOfAProductWrittenAsTwoProductsIsOneAgainWhenNothingElseReadsThem() {
        // The recovered rotation then joins its product (RotationFusion).
        assertCode("rotated-product", "0 FUEL 10 | 2 I32_MUL_ROTL_IMM 1 0 -862048943 15 | 7 RETURN 1 1");
        assertCode("rotated-product-read-later", "0 FUEL 13 | 2 I32_MUL_IMM 2 0 -862048943 | 6 I32_SHR_U_IMM 2 2 17"
                + " | 10 I32_MUL_IMM 1 0 380141568 | 14 I32_OR 2 2 1 | 18 I32_ADD 2 2 1 | 22 RETURN 2 1");
        assertCode("rotated-product-other-factor", "0 FUEL 10 | 2 I32_MUL_IMM 1 0 -862048943 | 6 I32_SHR_U_IMM 1 1 16"
                + " | 10 I32_MUL_IMM 2 0 380141568 | 14 I32_OR 1 1 2 | 18 RETURN 1 1");
    }

    @Test
    void aStepBySlotAndTheSignedTestOfItsSumAreOneInstruction() {
        String fused = "0 FUEL 1 | 2 FUEL 11 | 4 I32_ADD_IMM 3 3 1 | 8 I32_ADD_JUMP_IF_LT_S 0 0 1 2 2 | 14 FUEL 3"
                + " | 16 COPY 4 3 | 19 RETURN 4 1";
        assertCode("stride", fused);
        assertCode("stride-limit-first", fused);
        assertCode("stride-unsigned", "0 FUEL 1 | 2 FUEL 11 | 4 I32_ADD_IMM 3 3 1 | 8 I32_ADD 0 0 1"
                + " | 12 JUMP_IF_I32_LT_U 0 2 2 | 16 FUEL 3 | 18 COPY 4 3 | 21 RETURN 4 1");
    }

    @Test
    void aProductJoinsTheAdditionOrSubtractionFurtherOnThatIsItsOnlyReader() {
        assertCode("product-then-root", "0 FUEL 7 | 2 F64_SQRT 4 2 | 5 F64_MUL_ADD 3 4 0 1 | 10 RETURN 3 1");
        assertCode("root-less-early-product", "0 FUEL 11 | 2 F64_SQRT 4 2 | 5 F64_MUL_SUB 5 4 0 1 | 10 RETURN 5 1");
        assertCode("early-product-less-root", "0 FUEL 11 | 2 F64_MUL 3 0 1 | 6 F64_SQRT 4 2 | 9 F64_SUB 5 3 4"
                + " | 13 RETURN 5 1");
        assertCode("early-product-read-again", "0 FUEL 13 | 2 F64_MUL 3 0 1 | 6 F64_SQRT 4 2 | 9 F64_ADD 5 4 3"
                + " | 13 F64_MUL 5 5 3 | 17 RETURN 5 1");
        assertCode("early-product-of-a-changed-factor", "0 FUEL 11 | 2 F64_MUL 3 0 1 | 6 F64_SQRT 0 2"
                + " | 9 F64_ADD 4 0 3 | 13 RETURN 4 1");
    }

    @Test
    void anI32LoadAndTheSignedTestOfWhatItLoadedAreOneInstruction() {
        assertCode("scan-while-less", "0 FUEL 1 | 2 FUEL 9 | 4 I32_ADD_IMM 0 0 4 | 8 LOAD32_JUMP_IF_LT_S 2 0 0 0 1 2"
                + " | 15 FUEL 3 | 17 COPY 2 0 | 20 RETURN 2 1");
        assertCode("scan-while-above-limit", "0 FUEL 1 | 2 FUEL 9 | 4 I32_ADD_IMM 0 0 4 | 8 LOAD32_JUMP_IF_GT_S 3 0 0 0 1 2"
                + " | 15 FUEL 3 | 17 COPY 2 0 | 20 RETURN 2 1");
        assertCode("scan-while-below-unsigned", "0 FUEL 1 | 2 FUEL 9 | 4 I32_ADD_IMM 0 0 4 | 8 LOAD32_S 2 0 0 0"
                + " | 13 JUMP_IF_I32_LT_U 2 1 2 | 17 FUEL 3 | 19 COPY 2 0 | 22 RETURN 2 1");
    }

    @Test
    void aLoadMovesBelowThePointerStepBeforeItsTestToJoinIt() {
        assertCode("scan-down-through-copy", "0 FUEL 1 | 2 FUEL 12 | 4 I32_ADD_IMM_2 0 3 0 3 0 -4"
                + " | 11 LOAD32_JUMP_IF_GT_S 2 0 4 0 1 2 | 18 FUEL 3 | 20 COPY 4 0 | 23 RETURN 4 1");
        assertCode("scan-load-then-other-address", "0 FUEL 1 | 2 FUEL 11 | 4 LOAD32_S 2 0 0 0 | 9 I32_ADD_IMM 0 1 4"
                + " | 13 JUMP_IF_I32_LT_S 1 2 2 | 17 FUEL 3 | 19 COPY 3 0 | 22 RETURN 3 1");
    }

    @Test
    void aLoadItsMultiplyAddAndTheStoreOfTheSumInARowAreOneInstruction() {
        assertCode("accumulate", "0 FUEL 12 | 2 F64_LOAD_MUL_ADD_STORE 4 0 0 0 1 1 4 2 0 1 0 8 | 15 COPY 3 1 | 18 RETURN 3 1");
        assertCode("accumulate-apart", "0 FUEL 17 | 2 LOAD64 4 0 0 0 | 7 F64_MUL_ADD 1 1 4 2 | 12 F64_NEG 2 2"
                + " | 15 STORE64 0 1 0 0 | 20 F64_ADD 3 1 2 | 24 RETURN 3 1");
    }

    @Test
    void pointerStepsRightBeforeTheCounterStepAndTestJoinThem() {
        assertCode("step-and-count-i32", "0 FUEL 1 | 2 FUEL 13 | 4 I32_ADD 2 2 0 | 8 I32_STEP_JUMP_IF 0 8 1 -1 2"
                + " | 14 FUEL 5 | 16 I32_ADD 3 2 0 | 20 RETURN 3 1");
        // The pointer's and the counter's steps first pair up; the pair is split for the counter's
        // test, which the pointer's step then joins.
        assertCode("step-and-count-i64", "0 FUEL 1 | 2 FUEL 15 | 4 I64_ADD 2 2 0 | 8 I64_STEP_JUMP_IF 0 8 1 -1 2"
                + " | 14 FUEL 5 | 16 I64_ADD 3 2 0 | 20 RETURN 3 1");
        String steps = "_STEP_2_JUMP_IF_NE 0 16 1 -3 2 2 3 2 | 21 FUEL 9";
        assertCode("two-steps-and-count-to-i32", "0 FUEL 1 | 2 FUEL 21 | 4 I32_MUL 6 0 1 | 8 I32_ADD 4 4 6 | 12 I32" + steps
                + " | 23 I32_ADD 5 4 0 | 27 I32_MUL 6 1 2 | 31 I32_ADD 5 5 6 | 35 RETURN 5 1");
        assertCode("two-steps-and-count-to-i64", "0 FUEL 1 | 2 FUEL 21 | 4 I64_MUL 6 0 1 | 8 I64_ADD 4 4 6 | 12 I64" + steps
                + " | 23 I64_ADD 5 4 0 | 27 I64_MUL 6 1 2 | 31 I64_ADD 5 5 6 | 35 RETURN 5 1");
    }

    @Test
    void aRotationJoinsTheMultiplicationAfterItUnlessSomethingElseReadsIt() {
        assertCode("rotate-then-multiply", "0 FUEL 6 | 2 I32_ROTL_MUL_ADD_IMM 1 0 5 656542357 0 | 8 RETURN 1 1");
        assertCode("rotate-then-multiply-add", "0 FUEL 8 | 2 I32_ROTL_MUL_ADD_IMM 1 0 13 5 -430675100 | 8 RETURN 1 1");
        assertCode("rotation-read-again", "0 FUEL 9 | 2 I32_ROTL_IMM 1 0 13 | 6 I32_MUL_IMM 2 1 5 | 10 I32_ADD 2 2 1"
                + " | 14 RETURN 2 1");
        assertCode("rotation-then-trap", "0 FUEL 5 | 2 I32_ROTL_IMM 0 0 3 | 6 UNREACHABLE");
    }

    @Test
    void aWordMultipliedRotatedMultipliedAndXoredIntoAHashIsOneInstructionUnlessReadAgain() {
        assertCode("mix-word", "0 FUEL 16 | 2 I32_MUL_ROTL_MUL_XOR 2 0 -862048943 15 461845907 1 | 9 RETURN 2 1");
        assertCode("mixed-word-read-again", "0 FUEL 18 | 2 I32_MUL_ROTL_IMM 0 0 -862048943 15"
                + " | 7 I32_MUL_IMM 0 0 461845907 | 11 I32_XOR 2 0 1 | 15 I32_ADD 2 2 0 | 19 RETURN 2 1");
    }

    @Test
    void aDotProductOfThreeTermsIsOneInstructionUnlessAPartialSumIsReadAgain() {
        // The load between the first and second term moves ahead of the fused sum.
        assertCode("dot-product", "0 FUEL 17 | 2 LOAD64 4 2 0 0 | 7 F64_DOT_3 5 0 0 1 1 4 4 | 15 RETURN 5 1");
        assertCode("dot-product-kept", "0 FUEL 21 | 2 F64_MUL 3 0 0 | 6 LOAD64 4 2 0 0 | 11 F64_MUL_ADD 3 3 1 1"
                + " | 16 F64_MUL_ADD 5 3 4 4 | 21 F64_ADD 5 5 3 | 25 RETURN 5 1");
        assertCode("dot-product-first-term-kept", "0 FUEL 16 | 2 F64_MUL 3 0 0 | 6 F64_MUL_ADD 4 3 1 1"
                + " | 11 F64_MUL_ADD 4 4 2 2 | 16 F64_ADD 4 4 3 | 20 RETURN 4 1");
    }

    @Test
    void anInverseCubedDistanceIsOneInstructionUnlessTheRootIsReadAgain() {
        assertCode("inverse-cube", "0 FUEL 7 | 2 F64_DIV_MUL_SQRT 2 0 1 | 6 RETURN 2 1");
        assertCode("inverse-cube-root-kept", "0 FUEL 10 | 2 F64_SQRT 2 1 | 5 F64_MUL 4 1 2 | 9 F64_DIV 3 0 4"
                + " | 13 F64_ADD 3 3 2 | 17 RETURN 3 1");
    }

    @Test
    void threeUpdatesInPlaceSharingTwoFactorsAreOneInstructionUnlessAFactorDiffers() {
        assertCode("vector-update", "0 FUEL 31 | 2 F64_MUL_MUL_SUB_LOAD_STORE_3 4 5 1 0 0 8 2 0 0 16 3 0 0 24"
                + " | 17 RETURN 6 0");
        assertCode("vector-update-other-scale", "0 FUEL 31 | 2 F64_MUL_MUL_ADD_LOAD_STORE 1 5 4 0 0 8"
                + " | 9 F64_MUL_MUL_ADD_LOAD_STORE 2 5 4 0 0 16 | 16 F64_MUL_MUL_ADD_LOAD_STORE 3 1 4 0 0 24 | 23 RETURN 6 0");
    }

    @Test
    void aLoopOfOneByteStoreJoinsItsStepAndTestAlsoWithAnI64SteppedInPlace() {
        // Each then makes up its loop, which is marked to run in one go.
        assertCode("store-loop", "0 FUEL 1 | 2 FUEL 11 | 4 WHOLE_LOOP | 5 STORE8_IMM_ADD_JUMP_IF_LT_S 0 0 0 0 0 0 2 1 2"
                + " | 15 FUEL 2 | 17 RETURN 3 0");
        assertCode("store-loop-stepping", "0 FUEL 1 | 2 FUEL 15 | 4 WHOLE_LOOP"
                + " | 5 STORE8_IMM_STEP_ADD_JUMP_IF_LT_S 0 0 0 0 0 0 2 1 2 3 4 | 17 FUEL 2 | 19 RETURN 5 0");
        assertCode("store-loop-moving", "0 FUEL 1 | 2 FUEL 15 | 4 STORE8_IMM 0 0 0 0 | 9 I64_ADD 3 4 4"
                + " | 13 I32_ADD_JUMP_IF_LT_S 0 0 2 1 2 | 19 FUEL 2 | 21 RETURN 5 0");
    }

    @Test
    void aLoopOfProductsAddedInPlaceClosedByItsStepsIsMarkedToRunInOneGoUnlessItsBodyHoldsMore() {
        assertCode("axpy-loop", "0 FUEL 1 | 2 FUEL 33 | 4 WHOLE_LOOP | 5 F64_MUL_LOAD_ADD_STORE 3 1 0 0 0 0 0"
                + " | 13 F64_MUL_LOAD_ADD_STORE 3 1 0 8 0 0 8 | 21 I32_STEP_2_JUMP_IF_NE 0 16 1 16 4 2 2 2"
                + " | 30 FUEL 2 | 32 RETURN 5 0");
        assertCode("axpy-loop-and-more", "0 FUEL 1 | 2 FUEL 28 | 4 F64_MUL_LOAD_ADD_STORE 3 1 0 0 0 0 0"
                + " | 12 F64_ADD 3 3 3 | 16 I32_STEP_2_JUMP_IF_NE 0 8 1 8 4 1 2 2 | 25 FUEL 2 | 27 RETURN 5 0");
    }

    @Test
    void aWordLoadedRightBeforeItIsMixedJoinsTheMixUnlessReadAgain() {
        assertCode("mix-loaded-word", "0 FUEL 11 | 2 I32_LOAD_MUL_ROTL_MUL_XOR 2 0 -862048943 15 461845907 1 0 0 | 11 RETURN 2 1");
        assertCode("mixed-loaded-word-read-again", "0 FUEL 14 | 2 LOAD32_S 2 0 0 0"
                + " | 7 I32_MUL_ROTL_MUL_XOR 3 2 -862048943 15 461845907 1 | 14 I32_ADD 3 3 2 | 18 RETURN 3 1");
    }
}
