;; memory.grow in compiled code and in a host function called from it, each followed by accesses to
;; the new pages, which code holding on to the old memory would fault on.
(module
  (import "env" "grow" (func $host_grow (param i32) (result i32)))
  (memory (export "memory") 1)

  ;; Writes value at the last 4 bytes of memory and reads them back.
  (func $touch_end (param $value i32) (result i32)
    (local $at i32)
    (local.set $at (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)))
    (i32.store (local.get $at) (local.get $value))
    (i32.load (local.get $at)))
  (func $grow (param i32) (result i32) (memory.grow (local.get 0)))

  ;; Each grows by n pages one way, then touches the end: value, or -1 when growing failed.
  (func (export "grow_here") (param $pages i32) (param $value i32) (result i32)
    (local $at i32)
    (i32.store (i32.const 0) (local.get $value))
    (if (i32.lt_s (memory.grow (local.get $pages)) (i32.const 0)) (then (return (i32.const -1))))
    (local.set $at (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)))
    (i32.store (local.get $at) (i32.load (i32.const 0)))
    (i32.load (local.get $at)))
  (func (export "grow_in_callee") (param $pages i32) (param $value i32) (result i32)
    (drop (i32.load (i32.const 0)))
    (if (i32.lt_s (call $grow (local.get $pages)) (i32.const 0)) (then (return (i32.const -1))))
    (call $touch_end (local.get $value)))
  (func (export "grow_in_host") (param $pages i32) (param $value i32) (result i32)
    (local $at i32)
    (drop (i32.load (i32.const 0)))
    (if (i32.lt_s (call $host_grow (local.get $pages)) (i32.const 0)) (then (return (i32.const -1))))
    (local.set $at (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)))
    (i32.store (local.get $at) (local.get $value))
    (i32.load (local.get $at)))
  ;; Grows one page per iteration, n times, writing i into each new page's first word; returns their sum.
  (func (export "grow_in_loop") (param $n i32) (result i32)
    (local $i i32) (local $page i32) (local $sum i32)
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $page (memory.grow (i32.const 1)))
        (i32.store (i32.mul (local.get $page) (i32.const 65536)) (local.get $i))
        (local.set $sum (i32.add (local.get $sum)
          (i32.load (i32.mul (local.get $page) (i32.const 65536)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $again)))
    (local.get $sum)))
