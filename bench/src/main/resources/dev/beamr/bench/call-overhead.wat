;; The module the call-overhead benchmarks call into (dev.beamr.bench.CallOverheadBenchmark).
;; Rebuild after a change: wat2wasm --debug-names call-overhead.wat -o call-overhead.wasm
(module
  ;; Answered by a Java host function, so that a call can cross into Java and back.
  (import "env" "mul" (func $mul (param i32 i32) (result i32)))

  ;; n! over doubles, recursive (as examples/fac.wat).
  (func $fac (export "fac") (param $n f64) (result f64)
    (if (result f64) (f64.lt (local.get $n) (f64.const 1))
      (then (f64.const 1))
      (else
        (f64.mul
          (local.get $n)
          (call $fac (f64.sub (local.get $n) (f64.const 1)))))))

  ;; base^exponent, one call of the imported mul per step.
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
