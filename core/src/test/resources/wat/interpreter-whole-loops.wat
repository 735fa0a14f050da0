;; Loops the interpreter runs in one go (WholeLoopTest): products added in place, y[i] += a * x[i],
;; one, two (as clang unrolls them) or three per turn, with the two pointers and the counter stepped
;; in one instruction, and a variant whose load goes through a pointer the loop does not step.
;; Rebuild with scripts/build-test-modules.sh.
(module
  (memory 1)

  ;; y[0..n) += a * x[0..n), n even and not 0; returns the counter, which ends at n.
  (func (export "axpy") (param $y i32) (param $x i32) (param $n i32) (param $a f64) (result i32)
      (local $i i32) (local $next i32)
    (loop $turn
      (f64.store (local.get $y)
        (f64.add (f64.mul (local.get $a) (f64.load (local.get $x))) (f64.load (local.get $y))))
      (f64.store (local.tee $next (i32.add (local.get $y) (i32.const 8)))
        (f64.add (f64.mul (local.get $a) (f64.load (i32.add (local.get $x) (i32.const 8))))
                 (f64.load (local.get $next))))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (br_if $turn (i32.ne (local.get $n) (local.tee $i (i32.add (local.get $i) (i32.const 2))))))
    (local.get $i))

  ;; As axpy, but every product reads the same two words at $x, which the loop does not step; the
  ;; pointer it steps beside $y is $z, which nothing reads. Returns $z.
  (func (export "axpy_fixed_x") (param $y i32) (param $x i32) (param $n i32) (param $a f64) (result i32)
      (local $i i32) (local $next i32) (local $z i32)
    (loop $turn
      (f64.store (local.get $y)
        (f64.add (f64.mul (local.get $a) (f64.load (local.get $x))) (f64.load (local.get $y))))
      (f64.store (local.tee $next (i32.add (local.get $y) (i32.const 8)))
        (f64.add (f64.mul (local.get $a) (f64.load (i32.add (local.get $x) (i32.const 8))))
                 (f64.load (local.get $next))))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $z (i32.add (local.get $z) (i32.const 16)))
      (br_if $turn (i32.ne (local.get $n) (local.tee $i (i32.add (local.get $i) (i32.const 2))))))
    (local.get $z))

  ;; As axpy, one product per turn.
  (func (export "axpy1") (param $y i32) (param $x i32) (param $n i32) (param $a f64) (result i32)
      (local $i i32)
    (loop $turn
      (f64.store (local.get $y)
        (f64.add (f64.mul (local.get $a) (f64.load (local.get $x))) (f64.load (local.get $y))))
      (local.set $y (i32.add (local.get $y) (i32.const 8)))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (br_if $turn (i32.ne (local.get $n) (local.tee $i (i32.add (local.get $i) (i32.const 1))))))
    (local.get $i))

  ;; As axpy, three products per turn, n a multiple of 3.
  (func (export "axpy3") (param $y i32) (param $x i32) (param $n i32) (param $a f64) (result i32)
      (local $i i32)
    (loop $turn
      (f64.store (local.get $y)
        (f64.add (f64.mul (local.get $a) (f64.load (local.get $x))) (f64.load (local.get $y))))
      (f64.store offset=8 (local.get $y)
        (f64.add (f64.mul (local.get $a) (f64.load offset=8 (local.get $x))) (f64.load offset=8 (local.get $y))))
      (f64.store offset=16 (local.get $y)
        (f64.add (f64.mul (local.get $a) (f64.load offset=16 (local.get $x))) (f64.load offset=16 (local.get $y))))
      (local.set $y (i32.add (local.get $y) (i32.const 24)))
      (local.set $x (i32.add (local.get $x) (i32.const 24)))
      (br_if $turn (i32.ne (local.get $n) (local.tee $i (i32.add (local.get $i) (i32.const 3))))))
    (local.get $i))
)
