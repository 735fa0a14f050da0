;; Exercises the process API's calls: numeric types, table slots, traps, an import answered by
;; the call's handler, and state a snapshot must carry (globals, table, memory, dropped segment).
(module
  (import "env" "tick" (func $tick (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 66) "Hello, World!")
  (data $passive "passive data")
  (table $slots (export "table") 4 funcref)
  (elem (i32.const 0) $double $triple)
  (global $counter (mut i32) (i32.const 0))
  (global $total (mut i64) (i64.const 0))
  (global $last_function (mut funcref) (ref.null func))

  (func $double (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $triple (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))

  (func (export "divide") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "crash") (unreachable))
  (func $forever (export "forever") (param i32) (result i32) (call $forever (local.get 0)))
  (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func (export "half") (param f32) (result f32) (f32.mul (local.get 0) (f32.const 0.5)))
  (func (export "pair") (param i32) (result i32 i64 f64)
    (local.get 0) (i64.extend_i32_s (local.get 0)) (f64.convert_i32_s (local.get 0)))
  (func (export "takes_ref") (param externref) (result i32) (i32.const 0))

  ;; Counts calls and sums arguments in globals, and records the function last put in slot 2.
  (func (export "increment") (param $by i64) (result i32)
    (global.set $total (i64.add (global.get $total) (local.get $by)))
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (global.get $counter))
  (func (export "total") (result i64) (global.get $total))
  (func (export "install_double") (param $slot i32)
    (table.set $slots (local.get $slot) (ref.func $double))
    (global.set $last_function (ref.func $double)))
  (func (export "last_is_set") (result i32) (i32.eqz (ref.is_null (global.get $last_function))))
  (func (export "drop_passive") (data.drop $passive))
  (func (export "load_passive") (param $at i32) (memory.init $passive (local.get $at) (i32.const 0) (i32.const 12)))

  ;; Calls the imported tick n times, summing its answers.
  (func (export "ticks") (param $n i32) (result i32)
    (local $sum i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (call $tick (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum)))
