;; Functions for ChunkedTranslationTest, which compiles them with every instruction in a chunk of its
;; own: loops, branch tables, branches carrying values, calls (direct, indirect, with several results
;; and references), memory growth, legacy exceptions caught, rethrown and delegated, and traps.
(module
  (type $unary (func (param i32) (result i32)))
  (tag $oops (param i32))
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $double $triple)
  (global $caught (mut i32) (i32.const 0))

  (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $triple (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func $pair (param i32) (result i32 i64) (local.get 0) (i64.extend_i32_s (local.get 0)))
  (func $pick (param i32) (result funcref)
    (if (result funcref) (local.get 0) (then (ref.func $double)) (else (ref.null func))))
  (func $throw (param i32) (throw $oops (local.get 0)))

  ;; For i below n: adds 2i, 3i or 2i (by i mod 3, through a branch table and direct or indirect calls).
  (func (export "loop") (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (block $step
          (block $indirect
            (block $direct
              (br_table $direct $indirect $step (i32.rem_u (local.get $i) (i32.const 3))))
            (local.set $sum (i32.add (local.get $sum) (call $double (local.get $i))))
            (br $step))
          (local.set $sum (i32.add (local.get $sum)
              (call_indirect (type $unary) (local.get $i) (i32.and (local.get $i) (i32.const 1))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  ;; x + x for negative x (the branch carries both results of $pair), else 7 + 100.
  (func (export "multi") (param $x i32) (result i64)
    (local $a i32) (local $b i64)
    (block $out (result i32 i64)
      (call $pair (local.get $x))
      (br_if $out (i32.lt_s (local.get $x) (i32.const 0)))
      (drop)
      (drop)
      (i32.const 7)
      (i64.const 100))
    (local.set $b)
    (local.set $a)
    (i64.add (i64.extend_i32_s (local.get $a)) (local.get $b)))

  ;; 1 when $pick(x) is null, else 0.
  (func (export "refs") (param i32) (result i32) (ref.is_null (call $pick (local.get 0))))

  ;; Stores x, grows the memory by a page and copies x into the new page; returns x + the size in pages.
  (func (export "grow") (param $x i32) (result i32)
    (i32.store (i32.const 16) (local.get $x))
    (drop (memory.grow (i32.const 1)))
    (i32.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)) (i32.load (i32.const 16)))
    (i32.add
      (i32.load (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)))
      (memory.size)))

  ;; x + 1000 when x is negative (thrown in a callee, caught with its payload), else x.
  (func (export "catch") (param $x i32) (result i32)
    (try (result i32)
      (do
        (if (i32.lt_s (local.get $x) (i32.const 0)) (then (call $throw (local.get $x))))
        (local.get $x))
      (catch $oops (i32.add (i32.const 1000)))))

  ;; x + the number of catch_all runs so far: an inner catch_all counts and rethrows to the outer catch.
  (func (export "rethrow") (param $x i32) (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw (local.get $x)) (i32.const 0))
          (catch_all
            (global.set $caught (i32.add (global.get $caught) (i32.const 1)))
            (rethrow 0))))
      (catch $oops (i32.add (global.get $caught)))))

  ;; 2x: the inner try delegates the exception to the outer one.
  (func (export "delegate") (param $x i32) (result i32)
    (try $outer (result i32)
      (do
        (try (result i32)
          (do (call $throw (local.get $x)) (i32.const 0))
          (delegate $outer)))
      (catch $oops (i32.mul (i32.const 2)))))

  ;; Traps dividing by zero when x is 0, else 100 / x.
  (func (export "divide") (param $x i32) (result i32) (i32.div_s (i32.const 100) (local.get $x)))

  ;; Loads beyond the memory when x is negative.
  (func (export "load") (param $x i32) (result i32) (i32.load (local.get $x)))
)
