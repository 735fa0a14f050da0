;; The process API's equivalent of BEAMR's test.wasm: fac(f64) -> f64.
(module
  (func $fac (export "fac") (param $n f64) (result f64)
    (if (result f64) (f64.lt (local.get $n) (f64.const 1))
      (then (f64.const 1))
      (else (f64.mul (local.get $n) (call $fac (f64.sub (local.get $n) (f64.const 1))))))))
