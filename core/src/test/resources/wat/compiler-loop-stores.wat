;; Loops whose body is one byte store (CompiledLoopStoresTest): every step-th byte from start below
;; n set to a value, the loop's test fused with the store, alone or with an i64 stepped beside the
;; index as a memory64 pointer would be. Rebuild with scripts/build-test-modules.sh.
(module
  (memory 1)

  (func (export "load8") (param $p i32) (result i32)
    (i32.load8_u (local.get $p)))

  ;; Stores 7 at start, start + step, .. below n; returns the index the loop stopped at.
  (func (export "mark") (param $start i32) (param $n i32) (param $step i32) (result i32)
    (loop $next
      (i32.store8 offset=16 (local.get $start) (i32.const 7))
      (local.set $start (i32.add (local.get $start) (local.get $step)))
      (br_if $next (i32.lt_s (local.get $start) (local.get $n))))
    (local.get $start))

  ;; As mark, also adding stride to an i64 each round; returns that i64.
  (func (export "mark_counting") (param $start i32) (param $n i32) (param $step i32) (param $stride i64) (result i64)
      (local $total i64)
    (loop $next
      (i32.store8 offset=16 (local.get $start) (i32.const 9))
      (local.set $total (i64.add (local.get $total) (local.get $stride)))
      (local.set $start (i32.add (local.get $start) (local.get $step)))
      (br_if $next (i32.lt_s (local.get $start) (local.get $n))))
    (local.get $total))
)
