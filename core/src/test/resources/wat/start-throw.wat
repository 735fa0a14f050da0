;; The start function throws a wasm exception that nothing catches, so the module cannot be instantiated.
(module
  (tag $failure (param i32))
  (func $start (throw $failure (i32.const 3)))
  (start $start))
