;; The start function is an imported host function, so instantiation must call it exactly once.
(module
  (import "env" "start" (func $start))
  (start $start))
