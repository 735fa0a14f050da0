;; Constants written again to the slot that already holds them, which ConstantReuse removes, beside
;; ones that must be written again (CompiledConstantReuseTest): the same results in both modes.
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
)
