;; The process API's equivalent of BEAMR's pow_calculator.wasm: pow multiplies through an import.
(module
  (import "my_lib" "mul" (func $mul (param i32 i32) (result i32)))
  (func (export "pow") (param $base i32) (param $exponent i32) (result i32)
    (local $result i32)
    (local.set $result (i32.const 1))
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $exponent)))
        (local.set $result (call $mul (local.get $result) (local.get $base)))
        (local.set $exponent (i32.sub (local.get $exponent) (i32.const 1)))
        (br $again)))
    (local.get $result)))
