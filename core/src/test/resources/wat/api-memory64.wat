;; A 64-bit memory (memory64) with "Hello, World!" at offset 66 and a bump allocator behind an
;; exported malloc, but no free: like BEAMR's test-calling.wasm.
(module
  (memory (export "memory") i64 2 1024)
  (data (i64.const 66) "Hello, World!")
  (global $heap_top (mut i64) (i64.const 1024))

  (func (export "malloc") (param $size i64) (result i64)
    (local $block i64) (local $end i64)
    (if (i64.gt_u (local.get $size) (i64.const 0x100000000)) (then (return (i64.const 0))))
    (local.set $block (global.get $heap_top))
    (local.set $end (i64.add (local.get $block) (i64.and (i64.add (local.get $size) (i64.const 7)) (i64.const -8))))
    (if (i64.gt_u (local.get $end) (i64.mul (memory.size) (i64.const 65536)))
      (then
        (if (i64.eq (i64.const -1)
              (memory.grow (i64.div_u
                (i64.add (i64.sub (local.get $end) (i64.mul (memory.size) (i64.const 65536))) (i64.const 65535))
                (i64.const 65536))))
          (then (return (i64.const 0))))))
    (global.set $heap_top (local.get $end))
    (local.get $block))

  (func (export "greeting") (result i64 i64)
    (i64.const 66) (i64.const 13)))
