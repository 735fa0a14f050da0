;; Imports one definition of every kind, for checking import resolution and type matching.
(module
  (type $unary (func (param i32) (result i32)))
  (import "env" "f" (func (type $unary)))
  (import "env" "table" (table 2 10 funcref))
  (import "env" "memory" (memory 1 2))
  (import "env" "g" (global i32))
  (import "env" "counter" (global (mut i64)))
  (import "env" "tag" (tag (param i32)))
  (import "env" "memory64" (memory i64 1)))
