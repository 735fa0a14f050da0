;; The second element segment is out of bounds: instantiation traps after the first has written to
;; the imported table, and before any data segment is applied.
(module
  (import "env" "table" (table 2 funcref))
  (import "env" "memory" (memory 1))
  (func $filled)
  (elem (i32.const 1) $filled)
  (elem (i32.const 2) $filled)
  (data (i32.const 0) "never"))
