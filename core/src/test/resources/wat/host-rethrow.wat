;; A wasm exception thrown by wasm code that a host function called back into must stay catchable by
;; the wasm code that called the host function.
(module
  (import "host" "call_back" (func $call_back))
  (tag $oops (param i32))
  (func (export "throw_oops") (param i32)
    (throw $oops (local.get 0)))
  (func (export "catch_through_host") (result i32)
    (try (result i32)
      (do (call $call_back) (i32.const -1))
      (catch $oops))))
