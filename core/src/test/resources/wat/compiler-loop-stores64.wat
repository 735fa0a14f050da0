;; A sieve's marking loop on memory64 (CompiledLoopStoresTest): a 64-bit pointer stepped beside the
;; 32-bit index it follows, the byte store, the pointer's step and the index's test one instruction.
;; Rebuild with scripts/build-test-modules.sh.
(module
  (memory i64 1)

  (func (export "load8") (param $p i64) (result i32)
    (i32.load8_u (local.get $p)))
  (func (export "store8") (param $p i64) (param $v i32)
    (i32.store8 (local.get $p) (local.get $v)))

  ;; Zeroes the bytes at base + j for j = start, start + step, .. below n; returns the pointer after the last.
  (func (export "clear") (param $base i64) (param $start i32) (param $n i32) (param $step i32) (result i64)
      (local $p i64) (local $stride i64)
    (local.set $p (i64.add (local.get $base) (i64.extend_i32_u (local.get $start))))
    (local.set $stride (i64.extend_i32_u (local.get $step)))
    (loop $next
      (i32.store8 (local.get $p) (i32.const 0))
      (local.set $p (i64.add (local.get $p) (local.get $stride)))
      (local.set $start (i32.add (local.get $start) (local.get $step)))
      (br_if $next (i32.lt_s (local.get $start) (local.get $n))))
    (local.get $p))
)
