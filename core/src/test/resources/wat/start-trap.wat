;; The start function traps, so the module cannot be instantiated; it first writes to an imported memory.
(module
  (import "env" "memory" (memory 1))
  (func $start
    (i32.store8 (i32.const 0) (i32.const 42))
    unreachable)
  (start $start))
