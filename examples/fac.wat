;; A small module for trying Beamr from the command line:
;;   ./beamr invoke examples/fac.wasm fac 5    prints  f64 120
;;   ./beamr invoke examples/fac.wasm fib 20   prints  i32 6765
(module
  ;; n! over doubles, recursive.
  (func $fac (export "fac") (param $n f64) (result f64)
    (if (result f64) (f64.lt (local.get $n) (f64.const 1))
      (then (f64.const 1))
      (else
        (f64.mul
          (local.get $n)
          (call $fac (f64.sub (local.get $n) (f64.const 1)))))))

  ;; The n-th Fibonacci number (fib 0 = 0, fib 1 = 1), naively recursive.
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_s (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2))))))))
