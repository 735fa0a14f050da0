;; Sums that wait in a slot as addresses or copies, which AddressFolding folds into their readers,
;; beside sums that must stay (CompiledAddressFoldingTest): the results and traps wasm gives them, in
;; both modes. compiler-address-folding64.wat has the same on a 64-bit memory.
;; Rebuild with scripts/build-test-modules.sh.
(module
  (memory 1)
  ;; i32 values 1, 2, .., 8 at bytes 0, 4, .., 28.
  (data (i32.const 0) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00\05\00\00\00\06\00\00\00\07\00\00\00\08\00\00\00")

  ;; Stores v at p + 16 (wrapping at 2^32) through a local and returns the i32 at 8.
  (func (export "store_past_wrap") (param $p i32) (param $v i32) (result i32) (local $t i32)
    (local.set $t (i32.add (local.get $p) (i32.const 16)))
    (i32.store (local.get $t) (local.get $v))
    (i32.load (i32.const 8)))

  ;; Sets mem[p] = 10, mem[p + 8] = 20, mem[q] = 1.5, mem[q + 8] = 2.5 (f64), adds x * mem[q + i] to
  ;; each mem[p + i], the second address kept by a local.tee as clang writes an unrolled axpy, and
  ;; returns mem[p] + mem[p + 8].
  (func (export "axpy_pair") (param $p i32) (param $q i32) (param $x f64) (result f64) (local $t i32)
    (f64.store (local.get $q) (f64.const 1.5))
    (f64.store offset=8 (local.get $q) (f64.const 2.5))
    (f64.store (local.get $p) (f64.const 10))
    (f64.store offset=8 (local.get $p) (f64.const 20))
    (f64.store (local.get $p) (f64.add (f64.mul (local.get $x) (f64.load (local.get $q))) (f64.load (local.get $p))))
    (f64.store (local.tee $t (i32.add (local.get $p) (i32.const 8)))
      (f64.add (f64.mul (local.get $x) (f64.load offset=8 (local.get $q))) (f64.load (local.get $t))))
    (f64.add (f64.load (local.get $p)) (f64.load offset=8 (local.get $p))))

  ;; Sums the i32s at p + 8, p + 16, .. (n of them), stepping p by copying the sum that addressed
  ;; each, and returns that total plus the final p.
  (func (export "step_by_copy") (param $p i32) (param $n i32) (result i32) (local $next i32) (local $sum i32)
    (loop $next_element
      (local.set $next (i32.add (local.get $p) (i32.const 8)))
      (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $next))))
      (local.set $p (local.get $next))
      (br_if $next_element (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (i32.add (local.get $sum) (local.get $p)))

  ;; Stores 9 at p + 12 through p itself, then sets p to q: returns q + the i32 at q + 12.
  (func (export "bump_then_reset") (param $p i32) (param $q i32) (result i32)
    (local.set $p (i32.add (local.get $p) (i32.const 12)))
    (i32.store (local.get $p) (i32.const 9))
    (local.set $p (local.get $q))
    (i32.add (local.get $p) (i32.load offset=12 (local.get $q))))

  ;; Must stay: p changes between the addition and the store, which goes to the old p + 4; returns the
  ;; i32 there, 55.
  (func (export "operand_changes") (param $p i32) (result i32) (local $t i32)
    (local.set $t (i32.add (local.get $p) (i32.const 4)))
    (local.set $p (i32.mul (local.get $p) (i32.const 2)))
    (i32.store (local.get $t) (i32.const 55))
    (i32.load offset=4 (i32.shr_u (local.get $p) (i32.const 1))))

  ;; Must stay: the sum is read on every turn of a loop after it; returns n times the i32 at p + 4.
  (func (export "sum_across_loop") (param $p i32) (param $n i32) (result i32) (local $t i32) (local $total i32)
    (local.set $t (i32.add (local.get $p) (i32.const 4)))
    (loop $again
      (local.set $total (i32.add (local.get $total) (i32.load (local.get $t))))
      (br_if $again (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (local.get $total))

  ;; Must stay: the sum is returned after the store through it: p + 4 + 7.
  (func (export "sum_kept") (param $p i32) (result i32) (local $t i32)
    (local.set $t (i32.add (local.get $p) (i32.const 4)))
    (i32.store (local.get $t) (i32.const 7))
    (i32.add (local.get $t) (i32.load (local.get $t))))

  ;; Must stay: after the store through it, the sum is returned past a branch when flag is set.
  (func (export "sum_after_branch") (param $p i32) (param $flag i32) (result i32) (local $t i32)
    (local.set $t (i32.add (local.get $p) (i32.const 4)))
    (i32.store (local.get $t) (i32.const 7))
    (if (local.get $flag) (then (return (local.get $t))))
    (i32.const -1))

  ;; Must stay: the sum is read after p changes: p + 4 + 2p.
  (func (export "sum_after_operand_changes") (param $p i32) (result i32) (local $t i32)
    (local.set $t (i32.add (local.get $p) (i32.const 4)))
    (i32.store (local.get $t) (i32.const 7))
    (local.set $p (i32.mul (local.get $p) (i32.const 2)))
    (i32.add (local.get $t) (local.get $p)))

  ;; Must stay: each turn adds the sum the turn before stored through, then computes the next one:
  ;; p + (n - 1) * (p + 4) after n turns.
  (func (export "sum_from_last_turn") (param $p i32) (param $n i32) (result i32) (local $t i32) (local $total i32)
    (local.set $t (local.get $p))
    (loop $again
      (local.set $total (i32.add (local.get $total) (local.get $t)))
      (local.set $t (i32.add (local.get $p) (i32.const 4)))
      (i32.store (local.get $t) (local.get $total))
      (br_if $again (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (local.get $total))
)
