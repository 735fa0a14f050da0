;; Legacy exceptions thrown and caught across compiled functions, interpreted functions (those making a
;; tail call) and a host function that calls back into the instance.
(module
  (import "host" "call_back" (func $call_back (param i32)))
  (tag $oops (param i32))
  (tag $other (param i64 i32))

  (func $nothing)
  (func $throw_oops (export "throw_oops") (param i32) (throw $oops (local.get 0)))
  ;; Interpreted: it makes a tail call (never taken for a nonzero argument).
  (func $relay_interpreted (param i32)
    (if (i32.eqz (local.get 0)) (then (return_call $nothing)))
    (call $throw_oops (local.get 0)))
  (func $relay_compiled (param i32) (call $relay_interpreted (local.get 0)))

  ;; Each returns the payload + 1 when it catches $oops, -1 when nothing is thrown.
  (func (export "catch_compiled") (param i32) (result i32)
    (try (result i32)
      (do (call $throw_oops (local.get 0)) (i32.const -1))
      (catch $oops (i32.add (i32.const 1)))))
  (func (export "catch_through_interpreted") (param i32) (result i32)
    (try (result i32)
      (do (call $relay_compiled (local.get 0)) (i32.const -1))
      (catch $oops (i32.add (i32.const 1)))))
  (func (export "catch_through_host") (param i32) (result i32)
    (try (result i32)
      (do (call $call_back (local.get 0)) (i32.const -1))
      (catch $oops (i32.add (i32.const 1)))))
  ;; Interpreted itself, catching what compiled code throws.
  (func (export "interpreted_catch") (param i32) (result i32)
    (if (i32.eqz (local.get 0)) (then (return_call $nothing_i32)))
    (try (result i32)
      (do (call $throw_oops (local.get 0)) (i32.const -1))
      (catch $oops (i32.add (i32.const 1)))))
  (func $nothing_i32 (result i32) (i32.const 0))

  ;; Catches n exceptions in a row; each unwinds a compiled frame that did not return.
  (func (export "catch_many") (param $n i32) (result i32)
    (local $caught i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $n)))
        (try
          (do (call $throw_oops (local.get $n)))
          (catch $oops (drop) (local.set $caught (i32.add (local.get $caught) (i32.const 1)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $again)))
    (local.get $caught))

  ;; A tag it does not name falls to catch_all: 99; $oops with two values: 10 * payload.
  (func (export "catch_all_other") (param i32) (result i32)
    (try (result i32)
      (do
        (if (result i32) (local.get 0)
          (then (throw $other (i64.const 5) (i32.const 6)))
          (else (throw $oops (i32.const 7)))))
      (catch $oops (i32.mul (i32.const 10)))
      (catch_all (i32.const 99))))
  ;; Sums the two values $other carries.
  (func (export "catch_pair") (param i64 i32) (result i64)
    (local $small i32)
    (try (result i64)
      (do (throw $other (local.get 0) (local.get 1)))
      (catch $other (local.set $small) (i64.add (i64.extend_i32_s (local.get $small))))))
  ;; The inner catch_all rethrows to the outer catch: payload * 10.
  (func (export "rethrow") (param i32) (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw_oops (local.get 0)) (i32.const -1))
          (catch_all (rethrow 0))))
      (catch $oops (i32.mul (i32.const 10)))))
  ;; The innermost try delegates past the middle handler to the outer one: payload + 1000.
  (func (export "delegate") (param i32) (result i32)
    (try $outer (result i32)
      (do
        (try (result i32)
          (do
            (try (result i32)
              (do (call $throw_oops (local.get 0)) (i32.const -1))
              (delegate $outer)))
          (catch $oops (drop) (i32.const -1000))))
      (catch $oops (i32.add (i32.const 1000))))))
