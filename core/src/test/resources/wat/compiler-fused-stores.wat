;; Stores that lowering fuses (CompiledFusedStoresTest): constants stored as immediates, and an f64
;; sum of a load stored back to its address. Rebuild with scripts/build-test-modules.sh.
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
)
