;; The start function sets a global that the test reads back after instantiation.
(module
  (global $ready (export "ready") (mut i32) (i32.const 0))
  (func $start (global.set $ready (i32.const 7)))
  (start $start))
