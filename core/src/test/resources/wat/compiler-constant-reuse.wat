;; Constants written again to the slot that already holds them, which ConstantReuse removes, and
;; constants written on every turn of a loop, which ConstantHoisting writes once before it, beside
;; ones that must stay (CompiledConstantReuseTest): the same results in both modes.
;; Rebuild with scripts/build-test-modules.sh.
(module
  (memory 1)

  ;; Stores x * 0.5, x + sqrt(y), x * 0.5 and y * 0.5 at 0, 8, 16 and 24 and returns their sum. Each
  ;; statement starts at the same stack height, so each 0.5 goes to the same slot; the square root
  ;; is written there between the first two.
  (func (export "halves") (param $x f64) (param $y f64) (result f64)
    (f64.store (i32.const 0) (f64.mul (local.get $x) (f64.const 0.5)))
    (f64.store (i32.const 8) (f64.add (local.get $x) (f64.sqrt (local.get $y))))
    (f64.store (i32.const 16) (f64.mul (local.get $x) (f64.const 0.5)))
    (f64.store (i32.const 24) (f64.mul (local.get $y) (f64.const 0.5)))
    (f64.add (f64.add (f64.load (i32.const 0)) (f64.load (i32.const 8)))
             (f64.add (f64.load (i32.const 16)) (f64.load (i32.const 24)))))

  ;; Adds x * 0.5 to the f64 at 32, first before a loop and then on each of its n turns (n > 0):
  ;; 0.5 goes to the same slot each time, and each turn writes a square root there afterwards.
  (func (export "halves_per_turn") (param $x f64) (param $n i32) (result f64)
    (f64.store (i32.const 32) (f64.mul (local.get $x) (f64.const 0.5)))
    (loop
      (f64.store (i32.const 40) (f64.mul (local.get $x) (f64.const 0.5)))
      (f64.store (i32.const 32) (f64.add (f64.load (i32.const 32)) (f64.load (i32.const 40))))
      (f64.store (i32.const 48) (f64.add (local.get $x) (f64.sqrt (local.get $x))))
      (br_if 0 (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (f64.load (i32.const 32)))

  ;; sum = sum * 1.5 + x, n times (n > 0) from 0: 1.5 is written once, before the loop.
  (func (export "scaled_sum") (param $x f64) (param $n i32) (result f64) (local $sum f64)
    (loop $turn
      (local.set $sum (f64.add (f64.mul (local.get $sum) (f64.const 1.5)) (local.get $x)))
      (br_if $turn (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (local.get $sum))

  ;; Must stay: the loop's parameter lives in the slot that 7 is written to on each turn, and its
  ;; first value comes from before the loop. Returns first + 7 * (n - 1) after n turns (n > 0).
  (func (export "constant_in_a_parameter_slot") (param $first f64) (param $n i32) (result f64)
      (local $x f64) (local $sum f64)
    (local.get $first)
    (loop $turn (param f64) (result f64)
      (local.set $x)
      (local.set $sum (f64.add (local.get $sum) (local.get $x)))
      (f64.const 7)
      (br_if $turn (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (drop)
    (local.get $sum))
)
