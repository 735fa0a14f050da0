;; Arithmetic that lowering fuses (CompiledFusedArithmeticTest): an i32 product by a constant plus a
;; constant, a loop closed by adding to its counter and branching while it is non-zero or until it
;; reaches a limit, additions of constants that pair up (also with a copy of the sum), an f64
;; product added to what follows it, and loads and sums tested right after they are computed or
;; after a pointer step.
;; Rebuild with scripts/build-test-modules.sh.
(module
  (memory 1)
  ;; i32s at 0: 1 3 5 7 -2 100
  (data (i32.const 0) "\01\00\00\00\03\00\00\00\05\00\00\00\07\00\00\00\fe\ff\ff\ff\64\00\00\00")
  ;; x * 0x01000193 + 0x7FFFFFFF, wrapping.
  (func (export "multiply_add") (param $x i32) (result i32)
    (i32.add (i32.mul (local.get $x) (i32.const 0x01000193)) (i32.const 0x7FFFFFFF)))

  ;; Counts n > 0 down to zero, summing x * 3 + 1 over the counts x = n .. 1, and returns the sum plus
  ;; the final counter (0).
  (func (export "count_down") (param $n i32) (result i32) (local $sum i32)
    (loop
      (local.set $sum (i32.add (local.get $sum) (i32.add (i32.mul (local.get $n) (i32.const 3)) (i32.const 1))))
      (br_if 0 (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (i32.add (local.get $sum) (local.get $n)))

  ;; Leaves 7 in its locals' slots; $fresh, called next with its frame in the same place, finds its
  ;; local zero though lowering drops the local.set of zero.
  (func $dirty (local i64 i64) (local.set 0 (i64.const 7)) (local.set 1 (i64.const 7)))
  (func $fresh (result i64) (local i64) (local.set 0 (i64.const 0)) (local.get 0))
  (func (export "zero_after_dirty") (result i64) (call $dirty) (call $fresh))

  ;; Pairs of additions, the second reading what the first wrote, wrapping at 32 and 64 bits:
  ;; returns (a + 3) + (a + 7) as i64 plus b + 8 - 8 + 2^62 * 2 (wrapped).
  (func (export "add_pairs") (param $a i32) (param $b i64) (result i64) (local $c i32) (local $d i64)
    (local.set $a (i32.add (local.get $a) (i32.const 4)))
    (local.set $c (i32.add (local.get $a) (i32.const 1)))
    (local.set $a (i32.add (local.get $a) (i32.const -1)))
    (local.set $b (i64.add (local.get $b) (i64.const 8)))
    (local.set $d (i64.sub (local.get $b) (i64.const 8)))
    (local.set $c (i32.add (local.get $c) (i32.const 2)))
    (i64.add (i64.add (i64.extend_i32_s (i32.add (local.get $a) (local.get $c))) (local.get $d))
             (i64.add (i64.const 0x4000000000000000) (i64.const 0x4000000000000000))))

  ;; Counts the steps of -3 from $i until $i equals $n, wrapping (a counter step fused with its loop
  ;; test, splitting the pair of additions it would form with the count's), in i32 and in i64.
  (func (export "steps_i32") (param $i i32) (param $n i32) (result i32) (local $steps i32)
    (loop
      (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
      (br_if 0 (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const -3))) (local.get $n))))
    (local.get $steps))
  (func (export "steps_i64") (param $i i64) (param $n i64) (result i64) (local $steps i64)
    (loop
      (local.set $steps (i64.add (local.get $steps) (i64.const 1)))
      (br_if 0 (i64.ne (local.get $n) (local.tee $i (i64.add (local.get $i) (i64.const -3))))))
    (local.get $steps))

  ;; a * b + c with the product pushed first: one instruction, the product rounded before the addition.
  (func (export "product_plus") (param $a f64) (param $b f64) (param $c f64) (result f64)
    (f64.add (f64.mul (local.get $a) (local.get $b)) (local.get $c)))

  ;; Sums kept by local.tee and set to a second local as well, wrapping: returns a + c + b + d, with
  ;; a and c extended from i32.
  (func (export "tee_then_set") (param $a i32) (param $b i64) (result i64) (local $c i32) (local $d i64)
    (local.set $c (local.tee $a (i32.add (local.get $a) (i32.const 1))))
    (local.set $d (local.tee $b (i64.add (local.get $b) (i64.const -1))))
    (i64.add (i64.add (i64.extend_i32_s (local.get $a)) (i64.extend_i32_s (local.get $c)))
             (i64.add (local.get $b) (local.get $d))))

  ;; eqz of an eqz as a test: the steps a pointer takes, 8 bytes at a time, from p up to 0 (p a
  ;; negative multiple of 8), plus 1000 when flag is non-zero.
  (func (export "steps_to_zero") (param $p i64) (param $flag i32) (result i32) (local $steps i32)
    (loop
      (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
      (br_if 0 (i32.eqz (i64.eqz (local.tee $p (i64.add (local.get $p) (i64.const 8)))))))
    (if (i32.eqz (i32.eqz (local.get $flag)))
      (then (local.set $steps (i32.add (local.get $steps) (i32.const 1000)))))
    (local.get $steps))

  ;; The steps from p up to 0 of 2^30 bytes each: a sum whose low 32 bits are zero does not end it.
  (func (export "big_steps_to_zero") (param $p i64) (result i32) (local $steps i32)
    (loop
      (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
      (br_if 0 (i32.eqz (i64.eqz (local.tee $p (i64.add (local.get $p) (i64.const 0x40000000)))))))
    (local.get $steps))

  ;; A rotation of a product as clang writes it (RotationRecovery), beside two that must stay as written.
  (func (export "rotated_product") (param i32) (result i32)
    (i32.or (i32.shr_u (i32.mul (local.get 0) (i32.const 0xcc9e2d51)) (i32.const 17))
            (i32.mul (local.get 0) (i32.const 380141568))))
  (func (export "rotated_product_read_later") (param i32) (result i32) (local i32)
    (i32.add
      (i32.or (i32.shr_u (i32.mul (local.get 0) (i32.const 0xcc9e2d51)) (i32.const 17))
              (local.tee 1 (i32.mul (local.get 0) (i32.const 380141568))))
      (local.get 1)))
  (func (export "rotated_product_other_factor") (param i32) (result i32)
    (i32.or (i32.shr_u (i32.mul (local.get 0) (i32.const 0xcc9e2d51)) (i32.const 16))
            (i32.mul (local.get 0) (i32.const 380141568))))

  ;; A step by a slot and the signed test of its sum that follows are one instruction (TestFusion),
  ;; whichever side of the test names the sum; an unsigned test stays apart.
  (func (export "stride") (param i32 i32 i32) (result i32) (local i32)
    (loop
      (local.set 3 (i32.add (local.get 3) (i32.const 1)))
      (br_if 0 (i32.lt_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2))))
    (local.get 3))
  (func (export "stride_limit_first") (param i32 i32 i32) (result i32) (local i32)
    (loop
      (local.set 3 (i32.add (local.get 3) (i32.const 1)))
      (br_if 0 (i32.gt_s (local.get 2) (local.tee 0 (i32.add (local.get 0) (local.get 1))))))
    (local.get 3))
  (func (export "stride_unsigned") (param i32 i32 i32) (result i32) (local i32)
    (loop
      (local.set 3 (i32.add (local.get 3) (i32.const 1)))
      (br_if 0 (i32.lt_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2))))
    (local.get 3))

  ;; A product fused with the addition or subtraction further on that is its only reader (ProductFusion),
  ;; beside ones that stay: a product subtracted from, read again, or with a factor changed in between.
  (func (export "product_then_root") (param f64 f64 f64) (result f64)
    (f64.add (f64.mul (local.get 0) (local.get 1)) (f64.sqrt (local.get 2))))
  (func (export "root_less_early_product") (param f64 f64 f64) (result f64) (local f64 f64)
    (local.set 3 (f64.mul (local.get 0) (local.get 1)))
    (local.set 4 (f64.sqrt (local.get 2)))
    (f64.sub (local.get 4) (local.get 3)))
  (func (export "early_product_less_root") (param f64 f64 f64) (result f64) (local f64 f64)
    (local.set 3 (f64.mul (local.get 0) (local.get 1)))
    (local.set 4 (f64.sqrt (local.get 2)))
    (f64.sub (local.get 3) (local.get 4)))
  (func (export "early_product_read_again") (param f64 f64 f64) (result f64) (local f64 f64)
    (local.set 3 (f64.mul (local.get 0) (local.get 1)))
    (local.set 4 (f64.sqrt (local.get 2)))
    (f64.mul (f64.add (local.get 4) (local.get 3)) (local.get 3)))
  (func (export "early_product_of_a_changed_factor") (param f64 f64 f64) (result f64) (local f64)
    (local.set 3 (f64.mul (local.get 0) (local.get 1)))
    (local.set 0 (f64.sqrt (local.get 2)))
    (f64.add (local.get 0) (local.get 3)))

  ;; An i32 load and the signed test of what it loaded right after are one instruction (TestFusion),
  ;; whichever side of the test names the loaded value: each returns the address it stopped at.
  (func (export "scan_while_less") (param i32 i32) (result i32)
    (loop
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (br_if 0 (i32.lt_s (i32.load (local.get 0)) (local.get 1))))
    (local.get 0))
  (func (export "scan_while_greater") (param i32 i32) (result i32)
    (loop
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (br_if 0 (i32.gt_s (i32.load (local.get 0)) (local.get 1))))
    (local.get 0))
  (func (export "scan_while_above_limit") (param i32 i32) (result i32)
    (loop
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (br_if 0 (i32.lt_s (local.get 1) (i32.load (local.get 0)))))
    (local.get 0))
  ;; A scan down with the pointer's step between the load and its test, as clang writes a
  ;; quicksort's: the load moves below the step (LoadSinking) and joins the test. Returns the
  ;; address below the one it stopped at.
  (func (export "scan_down_while_above_limit") (param i32 i32) (result i32) (local i32)
    (loop
      (local.set 2 (i32.load (local.get 0)))
      (local.set 0 (i32.add (local.get 0) (i32.const -4)))
      (br_if 0 (i32.lt_s (local.get 1) (local.get 2))))
    (local.get 0))

  ;; An f64 loaded, multiplied into a running sum and the sum stored, in a row (AccumulationFusion),
  ;; as an integrator steps positions: n times x += mem[v] * dt; mem[p] = x, v and p moving by 8.
  ;; Returns x.
  (func (export "accumulate") (param $v i32) (param $p i32) (param $dt f64) (param $n i32) (result f64)
    (local $x f64) (local $loaded f64)
    (loop
      (local.set $loaded (f64.load (local.get $v)))
      (local.set $x (f64.add (local.get $x) (f64.mul (local.get $loaded) (local.get $dt))))
      (f64.store (local.get $p) (local.get $x))
      (local.set $v (i32.add (local.get $v) (i32.const 8)))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if 0 (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (local.get $x))

  ;; Pointer steps right before a counter's step and test: one before a test for zero, a pair before a
  ;; test against a limit; each returns what its pointers add up to.
  (func (export "step_and_count_i32") (param $p i32) (param $n i32) (result i32) (local $sum i32)
    (loop
      (local.set $sum (i32.add (local.get $sum) (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if 0 (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (i32.add (local.get $sum) (local.get $p)))
  (func (export "step_and_count_i64") (param $p i64) (param $n i64) (result i64) (local $sum i64)
    (loop
      (local.set $sum (i64.add (local.get $sum) (local.get $p)))
      (local.set $p (i64.add (local.get $p) (i64.const 8)))
      (br_if 0 (i32.eqz (i64.eqz (local.tee $n (i64.add (local.get $n) (i64.const -1)))))))
    (i64.add (local.get $sum) (local.get $p)))
  (func (export "two_steps_and_count_to_i32") (param $p i32) (param $q i32) (param $i i32) (param $n i32) (result i32)
    (local $sum i32)
    (loop
      (local.set $sum (i32.add (local.get $sum) (i32.mul (local.get $p) (local.get $q))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $q (i32.add (local.get $q) (i32.const -3)))
      (br_if 0 (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 2))) (local.get $n))))
    (i32.add (i32.add (local.get $sum) (local.get $p)) (i32.mul (local.get $q) (local.get $i))))
  ;; The counter tested against itself, read after its step: the loop runs once.
  (func (export "two_steps_against_own_count") (param $p i32) (param $q i32) (param $i i32) (result i32)
    (loop
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $q (i32.add (local.get $q) (i32.const -3)))
      (br_if 0 (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 2))) (local.get $i))))
    (i32.add (i32.add (local.get $p) (local.get $q)) (local.get $i)))
  (func (export "two_steps_and_count_to_i64") (param $p i64) (param $q i64) (param $i i64) (param $n i64) (result i64)
    (local $sum i64)
    (loop
      (local.set $sum (i64.add (local.get $sum) (i64.mul (local.get $p) (local.get $q))))
      (local.set $p (i64.add (local.get $p) (i64.const 16)))
      (local.set $q (i64.add (local.get $q) (i64.const -3)))
      (br_if 0 (i64.ne (local.tee $i (i64.add (local.get $i) (i64.const 2))) (local.get $n))))
    (i64.add (i64.add (local.get $sum) (local.get $p)) (i64.mul (local.get $q) (local.get $i))))

  ;; A rotation by a constant and the multiplication by a constant right before or after it are one
  ;; instruction (RotationFusion), unless something else reads the intermediate value.
  (func (export "rotate_then_multiply") (param i32) (result i32)
    (i32.mul (i32.rotl (local.get 0) (i32.const 5)) (i32.const 0x27220a95)))
  (func (export "rotate_then_multiply_add") (param i32) (result i32)
    (i32.add (i32.mul (i32.rotl (local.get 0) (i32.const 13)) (i32.const 5)) (i32.const 0xe6546b64)))
  (func (export "rotation_read_again") (param i32) (result i32) (local i32)
    (i32.add (i32.mul (local.tee 1 (i32.rotl (local.get 0) (i32.const 13))) (i32.const 5)) (local.get 1)))
  ;; A multiplication, rotation and multiplication of a word xored into a hash are one instruction
  ;; (I32_MUL_ROTL_MUL_XOR), unless something else reads the mixed word.
  (func (export "mix_word") (param i32 i32) (result i32)
    (local.set 0 (i32.mul (local.get 0) (i32.const 0xcc9e2d51)))
    (local.set 0 (i32.rotl (local.get 0) (i32.const 15)))
    (local.set 0 (i32.mul (local.get 0) (i32.const 0x1b873593)))
    (i32.xor (local.get 1) (local.get 0)))
  (func (export "mixed_word_read_again") (param i32 i32) (result i32)
    (local.set 0 (i32.mul (local.get 0) (i32.const 0xcc9e2d51)))
    (local.set 0 (i32.rotl (local.get 0) (i32.const 15)))
    (local.set 0 (i32.mul (local.get 0) (i32.const 0x1b873593)))
    (i32.add (i32.xor (local.get 0) (local.get 1)) (local.get 0)))
  ;; The hash's own state mixed with the word: the fused instruction reads it before writing.
  (func (export "mix_word_into_itself") (param i32 i32) (result i32)
    (local.set 0 (i32.mul (local.get 0) (i32.const 0xcc9e2d51)))
    (local.set 0 (i32.rotl (local.get 0) (i32.const 15)))
    (local.set 0 (i32.mul (local.get 0) (i32.const 0x1b873593)))
    (local.set 1 (i32.xor (local.get 0) (local.get 1)))
    (local.get 1))
  ;; A word loaded and mixed (I32_LOAD_MUL_ROTL_MUL_XOR), unless the loaded word is read again.
  (func (export "store_i32") (param i32 i32)
    (i32.store (local.get 0) (local.get 1)))
  (func (export "mix_loaded_word") (param i32 i32) (result i32) (local i32)
    (local.set 2 (i32.load offset=4 (local.get 0)))
    (local.set 2 (i32.mul (local.get 2) (i32.const 0xcc9e2d51)))
    (local.set 2 (i32.rotl (local.get 2) (i32.const 15)))
    (local.set 2 (i32.mul (local.get 2) (i32.const 0x1b873593)))
    (i32.xor (local.get 1) (local.get 2)))
  (func (export "mixed_loaded_word_read_again") (param i32 i32) (result i32) (local i32 i32)
    (local.set 2 (i32.load offset=4 (local.get 0)))
    (local.set 3 (i32.mul (local.get 2) (i32.const 0xcc9e2d51)))
    (local.set 3 (i32.rotl (local.get 3) (i32.const 15)))
    (local.set 3 (i32.mul (local.get 3) (i32.const 0x1b873593)))
    (i32.add (i32.xor (local.get 1) (local.get 3)) (local.get 2)))
  ;; The address mixed with the word loaded from it: the fused instruction reads it after the load.
  (func (export "mix_loaded_word_with_its_address") (param i32) (result i32) (local i32)
    (local.set 1 (i32.load offset=4 (local.get 0)))
    (local.set 1 (i32.mul (local.get 1) (i32.const 0xcc9e2d51)))
    (local.set 1 (i32.rotl (local.get 1) (i32.const 15)))
    (local.set 1 (i32.mul (local.get 1) (i32.const 0x1b873593)))
    (i32.xor (local.get 0) (local.get 1)))
  ;; The word xored with its own mix: it is read twice, so the load stays on its own.
  (func (export "mix_loaded_word_with_itself") (param i32) (result i32) (local i32 i32)
    (local.set 1 (i32.load offset=4 (local.get 0)))
    (local.set 2 (i32.mul (local.get 1) (i32.const 0xcc9e2d51)))
    (local.set 2 (i32.rotl (local.get 2) (i32.const 15)))
    (local.set 2 (i32.mul (local.get 2) (i32.const 0x1b873593)))
    (i32.xor (local.get 1) (local.get 2)))
)
