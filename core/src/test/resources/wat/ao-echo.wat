;; A minimal AO process: handle(msg, env) keeps the two pointers it was given at addresses 0 and 4
;; (so tests can read back what was sent) and answers with a fixed result; malloc is a bump
;; allocator and there is no free.
(module
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 4096))
  (data (i32.const 1024) "{\"ok\":true,\"response\":{\"Output\":{\"data\":\"pong\"},\"Messages\":[{\"Target\":\"X\",\"Data\":null}],\"Spawns\":[]}}\00")
  (func (export "malloc") (param $size i32) (result i32)
    (local $block i32)
    (local.set $block (global.get $next))
    (global.set $next (i32.and (i32.add (i32.add (global.get $next) (local.get $size)) (i32.const 15)) (i32.const -16)))
    (local.get $block))
  (func (export "handle") (param $msg i32) (param $env i32) (result i32)
    (i32.store (i32.const 0) (local.get $msg))
    (i32.store (i32.const 4) (local.get $env))
    (i32.const 1024)))
