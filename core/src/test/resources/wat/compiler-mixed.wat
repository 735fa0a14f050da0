;; An interpreted function (it makes a tail call) calling a compiled one, which asks the host
;; where it runs: the host answers 1 when compiled code is on the Java stack.
(module
  (import "env" "where" (func $where (result i32)))
  (func $compiled (export "compiled") (result i32)
    (call $where))
  (func $interpreted (export "interpreted") (result i32)
    (call $compiled)
    (return_call $identity))
  (func $identity (param i32) (result i32)
    (local.get 0)))
