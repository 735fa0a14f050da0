;; Stores that lowering fuses (CompiledFusedStoresTest): constants stored as immediates, and an f64
;; sum of a load stored back to its address, alone or with a product (an axpy step), and a product
;; subtracted in place. Rebuild with scripts/build-test-modules.sh.
(module
  (memory 1)

  ;; Stores constants of each width at p and returns (i64 at p) xor (i64 at p + 8).
  (func (export "store_constants") (param $p i32) (result i64)
    (i32.store8 (local.get $p) (i32.const 0x1ff))
    (i32.store16 offset=2 (local.get $p) (i32.const -3))
    (i32.store offset=4 (local.get $p) (i32.const 0x12345678))
    (i64.store offset=8 (local.get $p) (i64.const -2))
    (i64.xor (i64.load (local.get $p)) (i64.load offset=8 (local.get $p))))

  ;; Adds x to the f64 at p twice, in place, and returns it.
  (func (export "add_twice") (param $p i32) (param $x f64) (result f64)
    (f64.store (local.get $p) (f64.add (local.get $x) (f64.load (local.get $p))))
    (f64.store (local.get $p) (f64.add (local.get $x) (f64.load (local.get $p))))
    (f64.load (local.get $p)))

  ;; y[i] += a * x[i] for i < n over f64 arrays at y and x; returns y[0] + y[n - 1].
  (func (export "axpy") (param $y i32) (param $x i32) (param $a f64) (param $n i32) (result f64)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (f64.store (local.get $y)
          (f64.add (f64.mul (local.get $a) (f64.load (local.get $x))) (f64.load (local.get $y))))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (f64.add (f64.load (i32.sub (local.get $y) (i32.mul (local.get $n) (i32.const 8))))
             (f64.load (i32.sub (local.get $y) (i32.const 8)))))

  ;; Adds a * b to the f64 at p in place and returns it.
  (func (export "add_product") (param $p i32) (param $a f64) (param $b f64) (result f64)
    (f64.store (local.get $p) (f64.add (f64.mul (local.get $a) (local.get $b)) (f64.load (local.get $p))))
    (f64.load (local.get $p)))

  ;; Subtracts a * b, then (a * b) * b, from the f64 at p in place and returns it.
  (func (export "subtract_products") (param $p i32) (param $a f64) (param $b f64) (result f64)
    (f64.store (local.get $p) (f64.sub (f64.load (local.get $p)) (f64.mul (local.get $a) (local.get $b))))
    (f64.store (local.get $p)
      (f64.sub (f64.load (local.get $p)) (f64.mul (f64.mul (local.get $a) (local.get $b)) (local.get $b))))
    (f64.load (local.get $p)))

  ;; Adds (a * b) * c to the f64 at p in place and returns it.
  (func (export "add_product_of_three") (param $p i32) (param $a f64) (param $b f64) (param $c f64) (result f64)
    (f64.store (local.get $p)
      (f64.add (f64.mul (f64.mul (local.get $a) (local.get $b)) (local.get $c)) (f64.load (local.get $p))))
    (f64.load (local.get $p)))

;; Loads the f64 at p early, computes square roots, and stores it back less x * y (InPlaceUpdates
  ;; makes that one instruction where the store is); returns it.
  (func (export "subtract_after_a_while") (param $p i32) (param $x f64) (param $y f64) (result f64)
      (local $v f64) (local $r f64)
    (local.set $v (f64.load (local.get $p)))
    (local.set $r (f64.add (f64.sqrt (local.get $x)) (f64.sqrt (local.get $y))))
    (f64.store (local.get $p) (f64.sub (local.get $v) (f64.mul (local.get $x) (local.get $y))))
    (f64.load (local.get $p)))

  ;; As subtract_after_a_while with a store of 100 to q in between, which the load must not move past
  ;; (q may be p).
  (func (export "subtract_past_a_store") (param $p i32) (param $q i32) (param $x f64) (param $y f64) (result f64)
      (local $v f64)
    (local.set $v (f64.load (local.get $p)))
    (f64.store (local.get $q) (f64.const 100))
    (f64.store (local.get $p) (f64.sub (local.get $v) (f64.mul (local.get $x) (local.get $y))))
    (f64.load (local.get $p)))

  ;; As subtract_after_a_while with a division of 1 by $divisor in between, which traps when it is 0:
  ;; the load must stay first, to trap first when p is out of bounds.
  (func (export "subtract_past_a_division") (param $p i32) (param $x f64) (param $y f64) (param $divisor i32)
      (result f64) (local $v f64) (local $q i32)
    (local.set $v (f64.load (local.get $p)))
    (local.set $q (i32.div_s (i32.const 1) (local.get $divisor)))
    (f64.store (local.get $p) (f64.sub (local.get $v) (f64.mul (local.get $x) (local.get $y))))
    (f64.load (local.get $p)))

  ;; As subtract_after_a_while, but with $early set it returns the loaded value instead, through a
  ;; branch between the load and the store, which the load must not move past.
  (func (export "subtract_unless_early") (param $p i32) (param $x f64) (param $y f64) (param $early i32)
      (result f64) (local $v f64)
    (local.set $v (f64.load (local.get $p)))
    (block $out
      (br_if $out (local.get $early))
      (f64.store (local.get $p) (f64.sub (local.get $v) (f64.mul (local.get $x) (local.get $y))))
      (return (f64.load (local.get $p))))
    (local.get $v))

  ;; Subtracts (a * b) * c from the f64 at p, the product computed before a square root (ProductFusion
  ;; moves it down into the store); returns the f64 at p.
  (func (export "subtract_early_product") (param $p i32) (param $a f64) (param $b f64) (param $c f64) (result f64)
      (local $t f64) (local $r f64)
    (local.set $t (f64.mul (local.get $a) (local.get $b)))
    (local.set $r (f64.sqrt (local.get $c)))
    (f64.store (local.get $p) (f64.sub (f64.load (local.get $p)) (f64.mul (local.get $t) (local.get $c))))
    (f64.load (local.get $p)))

  ;; As subtract_early_product with a set to 5 after the product, which must not move past that.
  (func (export "subtract_product_of_a_changed_factor") (param $p i32) (param $a f64) (param $b f64) (param $c f64)
      (result f64) (local $t f64)
    (local.set $t (f64.mul (local.get $a) (local.get $b)))
    (local.set $a (f64.const 5))
    (f64.store (local.get $p) (f64.sub (f64.load (local.get $p)) (f64.mul (local.get $t) (local.get $c))))
    (f64.load (local.get $p)))

  ;; Stores f64 v at p, for setting up axpy's arrays.
  (func (export "store_f64") (param $p i32) (param $v f64)
    (f64.store (local.get $p) (local.get $v)))
)
