;; The second data segment is out of bounds: instantiation traps, but the element segment and the
;; first data segment have already written to the imported table and memory.
(module
  (import "env" "table" (table 2 funcref))
  (import "env" "memory" (memory 1))
  (func $filled)
  (elem (i32.const 0) $filled)
  (data (i32.const 0) "ok")
  (data (i32.const 65535) "xy")
  (data (i32.const 8) "never"))
