;; The products-added loop of interpreter-whole-loops.wat on a memory64, its pointers and counter
;; i64 (WholeLoopTest). Rebuild with scripts/build-test-modules.sh.
(module
  (memory i64 1)

  ;; y[0..n) += a * x[0..n), n even and not 0; returns the counter, which ends at n.
  (func (export "axpy") (param $y i64) (param $x i64) (param $n i64) (param $a f64) (result i64)
      (local $i i64) (local $next i64)
    (loop $turn
      (f64.store (local.get $y)
        (f64.add (f64.mul (local.get $a) (f64.load (local.get $x))) (f64.load (local.get $y))))
      (f64.store (local.tee $next (i64.add (local.get $y) (i64.const 8)))
        (f64.add (f64.mul (local.get $a) (f64.load (i64.add (local.get $x) (i64.const 8))))
                 (f64.load (local.get $next))))
      (local.set $y (i64.add (local.get $y) (i64.const 16)))
      (local.set $x (i64.add (local.get $x) (i64.const 16)))
      (br_if $turn (i64.ne (local.get $n) (local.tee $i (i64.add (local.get $i) (i64.const 2))))))
    (local.get $i))
)
