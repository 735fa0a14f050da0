;; Calls between compiled functions: traps that name their function, recursion against the call depth
;; limit, several results, and reference-typed parameters, results, globals and tables.
(module
  (type $to_i32 (func (param i32) (result i32)))
  (memory (export "memory") 1)
  (table $functions 2 funcref)
  (table $externs (export "externs") 4 externref)
  (global $held (mut externref) (ref.null extern))
  (global $last_function (mut funcref) (ref.null func))
  (elem declare func $double $triple)

  (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $triple (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))

  ;; Traps, each in a function of its own so that the trap can name it.
  (func $crash (export "crash") (unreachable))
  (func $divide (export "divide") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $peek (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "crash_inside") (call $crash))

  ;; depth(n) nests n + 1 calls and returns n.
  (func $depth (export "depth") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get $n) (i32.const 1)))))))
  (func $forever (export "forever") (param i32) (result i32)
    (i32.add (call $forever (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))

  ;; Several results, between compiled functions and across the API.
  (func $divmod (export "divmod") (param i32 i32) (result i32 i32)
    (i32.div_u (local.get 0) (local.get 1))
    (i32.rem_u (local.get 0) (local.get 1)))
  (func $spread (export "spread") (param i32) (result i32 i64 f32 f64 i32 i64)
    (local.get 0)
    (i64.extend_i32_s (local.get 0))
    (f32.convert_i32_s (local.get 0))
    (f64.convert_i32_s (local.get 0))
    (i32.mul (local.get 0) (i32.const -1))
    (i64.mul (i64.extend_i32_s (local.get 0)) (i64.const 1000000000000)))
  ;; quotient * 1000 + remainder, from divmod's two results.
  (func (export "divmod_packed") (param i32 i32) (result i32)
    (local $quotient i32)
    (call $divmod (local.get 0) (local.get 1))
    (local.set 1)
    (local.set $quotient)
    (i32.add (i32.mul (local.get $quotient) (i32.const 1000)) (local.get 1)))
  ;; Sums spread(x)'s six results as f64.
  (func (export "spread_sum") (param i32) (result f64)
    (local $i32b i32) (local $i64b i64) (local $f64a f64) (local $f32a f32) (local $i64a i64)
    (call $spread (local.get 0))
    (local.set $i64b)
    (local.set $i32b)
    (local.set $f64a)
    (local.set $f32a)
    (local.set $i64a)
    (f64.convert_i32_s)
    (f64.add (f64.convert_i64_s (local.get $i64a)))
    (f64.add (f64.promote_f32 (local.get $f32a)))
    (f64.add (local.get $f64a))
    (f64.add (f64.convert_i32_s (local.get $i32b)))
    (f64.add (f64.convert_i64_s (local.get $i64b))))

  ;; References.
  (func $swap (export "swap") (param externref externref) (result externref externref)
    (local.get 1) (local.get 0))
  ;; Swaps twice through a compiled call and reports whether the first is null.
  (func (export "swap_twice") (param externref externref) (result externref externref i32)
    (call $swap (call $swap (local.get 0) (local.get 1)))
    (ref.is_null (local.get 0)))
  (func (export "hold") (param externref) (global.set $held (local.get 0)))
  (func (export "held") (result externref) (global.get $held))
  (func (export "put") (param i32 externref) (table.set $externs (local.get 0) (local.get 1)))
  (func (export "get") (param i32) (result externref) (table.get $externs (local.get 0)))
  (func (export "pick") (param externref externref i32) (result externref)
    (select (result externref) (local.get 0) (local.get 1) (local.get 2)))
  ;; Installs $double (0) or $triple (otherwise) in slot 0 and remembers it in a global; returns it.
  (func (export "install") (param i32) (result funcref)
    (global.set $last_function
      (select (result funcref) (ref.func $triple) (ref.func $double) (local.get 0)))
    (table.set $functions (i32.const 0) (global.get $last_function))
    (global.get $last_function))
  (func (export "call_installed") (param i32) (result i32)
    (call_indirect $functions (type $to_i32) (local.get 0) (i32.const 0)))
  (func (export "is_null_function") (param funcref) (result i32) (ref.is_null (local.get 0))))
