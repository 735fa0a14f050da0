;; A 32-bit memory with "Hello, World!" at offset 66 (as in BEAMR's test-print.wasm) and a
;; first-fit free-list allocator behind exported malloc/free. Memory may grow to 1024 pages
;; (64 MiB), so a 128 MiB request fails cleanly with malloc returning 0.
(module
  (memory (export "memory") 1 1024)
  (data (i32.const 66) "Hello, World!")
  ;; Blocks are [payload size: i32][next free block: i32][payload]; the heap starts at 1024.
  (global $heap_top (mut i32) (i32.const 1024))
  (global $free_list (mut i32) (i32.const 0))

  (func $malloc (export "malloc") (param $size i32) (result i32)
    (local $needed i32) (local $previous i32) (local $block i32) (local $end i32)
    (if (i32.gt_u (local.get $size) (i32.const 0x3fff0000)) (then (return (i32.const 0))))
    (local.set $needed (i32.and (i32.add (local.get $size) (i32.const 7)) (i32.const -8)))
    (if (i32.eqz (local.get $needed)) (then (local.set $needed (i32.const 8))))
    (local.set $block (global.get $free_list))
    (block $not_found
      (loop $scan
        (br_if $not_found (i32.eqz (local.get $block)))
        (if (i32.ge_u (i32.load (local.get $block)) (local.get $needed))
          (then
            (if (local.get $previous)
              (then (i32.store offset=4 (local.get $previous) (i32.load offset=4 (local.get $block))))
              (else (global.set $free_list (i32.load offset=4 (local.get $block)))))
            (return (i32.add (local.get $block) (i32.const 8)))))
        (local.set $previous (local.get $block))
        (local.set $block (i32.load offset=4 (local.get $block)))
        (br $scan)))
    (local.set $block (global.get $heap_top))
    (local.set $end (i32.add (i32.add (local.get $block) (i32.const 8)) (local.get $needed)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq (i32.const -1)
              (memory.grow (i32.div_u
                (i32.add (i32.sub (local.get $end) (i32.mul (memory.size) (i32.const 65536))) (i32.const 65535))
                (i32.const 65536))))
          (then (return (i32.const 0))))))
    (i32.store (local.get $block) (local.get $needed))
    (global.set $heap_top (local.get $end))
    (i32.add (local.get $block) (i32.const 8)))

  (func (export "free") (param $pointer i32)
    (local $block i32)
    (if (i32.eqz (local.get $pointer)) (then (return)))
    (local.set $block (i32.sub (local.get $pointer) (i32.const 8)))
    (i32.store offset=4 (local.get $block) (global.get $free_list))
    (global.set $free_list (local.get $block)))

  ;; An output buffer described by its results: (pointer, length) of the greeting.
  (func (export "greeting") (result i32 i32)
    (i32.const 66) (i32.const 13))

  ;; Sums the bytes of [pointer, pointer + length), so tests can check what the host wrote.
  (func (export "checksum") (param $pointer i32) (param $length i32) (result i32)
    (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $length)))
        (local.set $sum (i32.add (local.get $sum) (i32.load8_u (local.get $pointer))))
        (local.set $pointer (i32.add (local.get $pointer) (i32.const 1)))
        (local.set $length (i32.sub (local.get $length) (i32.const 1)))
        (br $next)))
    (local.get $sum)))
