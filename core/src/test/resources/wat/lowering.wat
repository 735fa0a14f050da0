;; Functions whose lowering ValidationLoweringTest checks instruction by instruction.
;; Rebuild with scripts/build-test-modules.sh.
(module
  (memory 1)
  (memory $second i64 1)
  (table 2 funcref)
  (tag $error (param i32))
  (global $counter (mut i32) (i32.const 0))

  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))

  ;; The value must move down over the dropped operand below it.
  (func (export "branch-copies") (result i32)
    (block (result i32)
      (i32.const 7)
      (i32.const 1)
      (br 0))
  )

  ;; Already at the block's height: a plain jump.
  (func (export "branch-in-place") (result i32)
    (block (result i32)
      (i32.const 1)
      (br 0))
  )

  (func (export "if-else") (param i32) (result i64)
    (if (result i64) (local.get 0)
      (then (i64.const 1))
      (else (i64.const -2))))

  (func (export "loop") (param i32) (result i32)
    (loop $again
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br_if $again (local.get 0)))
    (local.get 0))

  ;; Entry $a needs no copy (the value is at its height), entry $b moves it down one slot.
  (func (export "switch") (param i32) (result i32)
    (block $b (result i32)
      (i32.const 100)
      (block $a (result i32)
        (i32.const 5)
        (local.get 0)
        (br_table $a $b $b))
      (i32.add))
  )

  (func (export "dead-code") (result i32)
    (unreachable)
    (i32.const 1)
    (i32.add (i32.const 2)))

  (func (export "memory") (param i32 i64)
    (i32.store offset=4 (local.get 0) (i32.load8_u (local.get 0)))
    (i64.store $second offset=8 (local.get 1) (i64.const 3))
    (i32.store8 offset=0x80000000 (local.get 0) (i32.const 4)))

  (func (export "calls") (param i32) (result i32)
    (call $double (i32.const 1) (local.get 0))
    (call_indirect (param i32) (result i32) (i32.const 0))
    (return_call $double (i32.const 2)))

  (func $double (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))

  (func (export "refs") (result funcref) (local funcref i32 externref)
    (local.get 0))

  ;; A catch body keeps the exception under its payload and moves its result down at the end.
  (func (export "try-catch") (result i32)
    (try (result i32)
      (do (throw $error (i32.const 1)))
      (catch $error)
      (catch_all (i32.const 2))))

  (func (export "nested-try") (result i32)
    (try (result i32)
      (do
        (try
          (do (global.set $counter (i32.const 1)))
          (delegate 0))
        (try (result i32)
          (do (i32.const 1))
          (catch_all (rethrow 0))))
      (catch $error)))

  (func (export "delegate-to-caller")
    (try
      (do (throw $error (i32.const 3)))
      (delegate 0)))
;; local.get reads the local in place; a set right after its producer retargets the producer,
  ;; unless an alias of the old value is still on the stack, which is copied out first.
  (func (export "aliases") (param i32 i32) (result i32)
    (local.get 0)
    (local.set 0 (i32.mul (local.get 0) (local.get 1)))
    (local.set 1 (i32.sub (local.get 1) (i32.const 3)))
    (local.get 0)
    (i32.add))

  ;; Fuel runs: entry, the loop label, after the br_if, and the block's end (a branch target).
  (func (export "count-down") (param i32) (result i32) (local i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br $again)))
    (local.get 1))

  ;; Comparisons consumed by br_if or if become one compare-and-branch (negated for if).
  (func (export "compare-branch") (param i32 i64) (result i32)
    (block $out
      (br_if $out (i32.lt_u (local.get 0) (i32.const 10)))
      (br_if $out (i64.eqz (local.get 1)))
      (if (i64.ge_s (local.get 1) (i64.const 0))
        (then (return (i32.const 1)))))
    (i32.const 0))

  ;; eqz of an eqz tests the inner operand: a pointer loop's exit in memory64 code (where the pointer's
  ;; step joins the test), and an if; an eqz kept in a local stays apart.
  (func (export "double-eqz") (param i64 i32) (result i32) (local i32)
    (loop
      (br_if 0 (i32.eqz (i64.eqz (local.tee 0 (i64.add (local.get 0) (i64.const 8)))))))
    (if (i32.eqz (i32.eqz (local.get 1))) (then (return (i32.const 1))))
    (block (br_if 0 (i32.eqz (local.tee 2 (i32.eqz (local.get 1))))))
    (i32.const 0))

  ;; An address computed as x + constant folds into the access that consumes it right away.
  (func (export "address-add") (param i32)
    (i32.store (i32.add (local.get 0) (i32.const 16))
      (i32.load (i32.add (local.get 0) (i32.const 8)))))
;; f64 arithmetic takes over the f64.load or f64.mul that computed its right operand right before it.
  (func (export "f64-fusion") (param i32 f64 f64) (result f64)
    (f64.sub
      (f64.add (local.get 1) (f64.mul (local.get 1) (local.get 2)))
      (f64.mul (local.get 2) (f64.load offset=8 (local.get 0)))))

  ;; No fusion when the producer's result is also kept in a local, when another instruction comes in
  ;; between, or when the producer computed the left operand.
  (func (export "f64-no-fusion") (param i32 f64) (result f64) (local f64)
    (f64.add (local.get 1) (local.tee 2 (f64.load (local.get 0))))
    (f64.mul (f64.load (local.get 0)) (f64.const 2))
    (f64.sub (f64.mul (local.get 1) (local.get 1)) (local.get 2))
    (f64.div)
    (f64.div))

  ;; A constant stored takes no slot when it fits an i32 immediate.
  (func (export "store-constants") (param i32)
    (i32.store8 offset=1 (local.get 0) (i32.const -1))
    (i64.store (local.get 0) (i64.const -2))
    (i64.store (local.get 0) (i64.const 0x100000000))
    (f64.store offset=8 (local.get 0) (f64.const 0)))

  ;; mem[p] = x + mem[p] is one instruction; a sum stored to another address is not.
  (func (export "f64-add-in-place") (param i32 f64)
    (f64.store offset=8 (local.get 0) (f64.add (local.get 1) (f64.load offset=8 (local.get 0))))
    (f64.store (local.get 0) (f64.add (local.get 1) (f64.load offset=8 (local.get 0)))))

  ;; Additions of constants one after the other pair up, each pair in one instruction, the second
  ;; reading what the first wrote; i32 with i32 and i64 with i64 only.
  (func (export "add-pairs") (param i32 i32 i64 i64) (result i32)
    (local.set 0 (i32.add (local.get 0) (i32.const 4)))
    (local.set 1 (i32.add (local.get 0) (i32.const 1)))
    (local.set 0 (i32.add (local.get 0) (i32.const -1)))
    (local.set 2 (i64.add (local.get 2) (i64.const 8)))
    (local.set 3 (i64.sub (local.get 3) (i64.const 8)))
    (local.set 1 (i32.add (local.get 1) (i32.const 2)))
    (i32.add (local.get 0) (local.get 1)))

  ;; mem[p] = mem[p] - a * b is one instruction, also with a pure f64 operation between the load
  ;; and the subtraction; not when a local keeps the loaded value.
  (func (export "f64-subtract-in-place") (param i32 f64 f64)
    (f64.store (local.get 0) (f64.sub (f64.load (local.get 0)) (f64.mul (local.get 1) (local.get 2))))
    (f64.store offset=8 (local.get 0)
      (f64.sub (f64.load offset=8 (local.get 0)) (f64.mul (f64.mul (local.get 1) (local.get 2)) (local.get 2))))
    (f64.store (local.get 0)
      (f64.sub (local.tee 1 (f64.load (local.get 0))) (f64.mul (f64.mul (local.get 1) (local.get 2)) (local.get 2)))))

  ;; A product added to a value is one instruction whichever side the product is on, also when the other
  ;; side is a constant written after it (ProductFusion); not when a local keeps the product.
  (func (export "f64-product-first") (param f64 f64 f64) (result f64 f64 f64)
    (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2))
    (f64.add (f64.mul (local.get 0) (local.get 1)) (f64.const 1))
    (f64.add (local.tee 2 (f64.mul (local.get 0) (local.get 1))) (local.get 2)))

  ;; mem[p] = a * mem[q] + mem[p] (an axpy step) and mem[p] = a * b + mem[p] are one instruction each;
  ;; not when a local keeps the product.
  (func (export "f64-axpy") (param i32 i32 f64) (local f64)
    (f64.store (local.get 0) (f64.add (f64.mul (local.get 2) (f64.load offset=8 (local.get 1))) (f64.load (local.get 0))))
    (f64.store (local.get 0) (f64.add (local.tee 3 (f64.mul (local.get 2) (f64.load (local.get 1)))) (f64.load (local.get 0))))
    (f64.store (local.get 0) (f64.add (f64.mul (local.get 2) (local.get 3)) (f64.load (local.get 0)))))

  ;; An i32.mul by a constant feeding an i32.add of a constant is one instruction, unless a local
  ;; keeps the product.
  (func (export "multiply-add") (param i32) (result i32) (local i32)
    (i32.add (i32.mul (local.get 0) (i32.const 5)) (i32.const -7))
    (i32.sub (local.tee 1 (i32.mul (local.get 0) (i32.const 3))) (i32.const 1))
    (i32.add))

  ;; br_if on the counter an i32.add of a constant just wrote adds and jumps in one instruction; an if
  ;; on it does not.
  (func (export "count-to-zero") (param i32) (result i32) (local i32)
    (loop
      (local.set 1 (i32.add (local.get 1) (i32.const 3)))
      (br_if 0 (local.tee 0 (i32.add (local.get 0) (i32.const -1)))))
    (if (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (then (local.set 1 (i32.const 0))))
    (local.get 1))

  ;; Locals start at zero: storing zero to one not yet written, before any block, emits nothing.
  (func (export "zero-locals") (param i32) (result i64) (local i64 i32)
    (local.set 1 (i64.const 0))
    (local.set 0 (i32.const 0))
    (local.set 2 (i32.const 5))
    (local.set 2 (i32.const 0))
    (block (local.set 1 (i64.const 0)))
    (local.get 1))

  ;; A loop's counter step and its inequality test are one instruction, in i32 (splitting a pair of
  ;; additions, the limit on either side) and in i64; other comparisons stay apart.
  (func (export "step-and-test") (param i32 i32 i64 i64) (result i32) (local i32)
    (loop
      (local.set 4 (i32.add (local.get 4) (i32.const 3)))
      (br_if 0 (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (local.get 1))))
    (loop
      (br_if 0 (i32.ne (local.get 1) (local.tee 0 (i32.add (local.get 0) (i32.const -2))))))
    (loop
      (br_if 0 (i64.ne (local.tee 2 (i64.add (local.get 2) (i64.const 8))) (local.get 3))))
    (loop
      (br_if 0 (i32.lt_s (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (local.get 1))))
    (local.get 4))

  ;; A sum kept by local.tee and set to another local is a pair of additions, the second of zero, in
  ;; i32 and i64; a copy of anything else stays a copy.
  (func (export "tee-then-set") (param i32 i32 i64 i64 f64 f64)
    (local.set 1 (local.tee 0 (i32.add (local.get 0) (i32.const -4))))
    (local.set 3 (local.tee 2 (i64.add (local.get 2) (i64.const 8))))
    (local.set 5 (local.tee 4 (f64.add (local.get 4) (local.get 5)))))

  ;; Sums that wait in a slot as addresses fold into their accesses (AddressFolding), and a copy of one
  ;; becomes the addition; a sum read otherwise, or whose operand changes before the access, stays.
  (func (export "address-tee") (param i32 i32 f64) (local i32)
    (f64.store (local.tee 3 (i32.add (local.get 0) (i32.const 8)))
      (f64.add (f64.mul (local.get 2) (f64.load offset=8 (local.get 1))) (f64.load (local.get 3)))))
  (func (export "address-copy") (param i32) (result i32) (local i32)
    (local.set 1 (i32.add (local.get 0) (i32.const 8)))
    (i32.store (local.get 1) (i32.const 1))
    (local.set 0 (local.get 1))
    (local.get 0))
  (func (export "address-kept") (param i32) (result i32) (local i32)
    (local.set 1 (i32.add (local.get 0) (i32.const 4)))
    (i32.store (local.get 1) (i32.const 5))
    (i32.add (local.get 1) (local.get 0)))
  (func (export "address-operand-changes") (param i32) (local i32)
    (local.set 1 (i32.add (local.get 0) (i32.const 4)))
    (local.set 0 (i32.mul (local.get 0) (i32.const 2)))
    (i32.store (local.get 1) (i32.const 5)))

  ;; A product only multiplied into a read-modify-write store right after it joins it (ProductFusion),
  ;; unless something else reads it.
  (func (export "product-of-three") (param i32 f64 f64 f64)
    (f64.store (local.get 0)
      (f64.sub (f64.load (local.get 0)) (f64.mul (f64.mul (local.get 1) (local.get 2)) (local.get 3)))))
  (func (export "product-kept") (param i32 f64 f64 f64) (result f64) (local f64)
    (f64.store (local.get 0)
      (f64.sub (f64.load (local.get 0)) (f64.mul (local.tee 4 (f64.mul (local.get 1) (local.get 2))) (local.get 3))))
    (local.get 4))

  ;; A value loaded further back and stored back less a product is one instruction where the store is
  ;; (InPlaceUpdates), and so is a product computed further back and multiplied into it (ProductFusion);
  ;; a store in between keeps the load where it is.
  (func (export "update-later") (param i32 f64 f64 f64) (local f64 f64 f64)
    (local.set 4 (f64.load (local.get 0)))
    (local.set 5 (f64.mul (local.get 1) (local.get 2)))
    (local.set 6 (f64.sqrt (local.get 3)))
    (f64.store (local.get 0) (f64.sub (local.get 4) (f64.mul (local.get 5) (local.get 3)))))
  (func (export "update-past-a-store") (param i32 f64 f64 i32) (local f64)
    (local.set 4 (f64.load (local.get 0)))
    (f64.store (local.get 3) (local.get 1))
    (f64.store (local.get 0) (f64.sub (local.get 4) (f64.mul (local.get 1) (local.get 2)))))

  ;; A rotation of a product as clang writes it, ((x * C) >>> 17) | (x * (C << 15)), is one again
  ;; (RotationRecovery), unless the second product is read later or the factors do not match.
  (func (export "rotated-product") (param i32) (result i32)
    (i32.or (i32.shr_u (i32.mul (local.get 0) (i32.const 0xcc9e2d51)) (i32.const 17))
            (i32.mul (local.get 0) (i32.const 380141568))))
  (func (export "rotated-product-read-later") (param i32) (result i32) (local i32)
    (i32.add
      (i32.or (i32.shr_u (i32.mul (local.get 0) (i32.const 0xcc9e2d51)) (i32.const 17))
              (local.tee 1 (i32.mul (local.get 0) (i32.const 380141568))))
      (local.get 1)))
  (func (export "rotated-product-other-factor") (param i32) (result i32)
    (i32.or (i32.shr_u (i32.mul (local.get 0) (i32.const 0xcc9e2d51)) (i32.const 16))
            (i32.mul (local.get 0) (i32.const 380141568))))

  ;; A step by a slot and the signed test of its sum that follows are one instruction (TestFusion),
  ;; whichever side of the test names the sum; an unsigned test stays apart.
  (func (export "stride") (param i32 i32 i32) (result i32) (local i32)
    (loop
      (local.set 3 (i32.add (local.get 3) (i32.const 1)))
      (br_if 0 (i32.lt_s (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2))))
    (local.get 3))
  (func (export "stride-limit-first") (param i32 i32 i32) (result i32) (local i32)
    (loop
      (local.set 3 (i32.add (local.get 3) (i32.const 1)))
      (br_if 0 (i32.gt_s (local.get 2) (local.tee 0 (i32.add (local.get 0) (local.get 1))))))
    (local.get 3))
  (func (export "stride-unsigned") (param i32 i32 i32) (result i32) (local i32)
    (loop
      (local.set 3 (i32.add (local.get 3) (i32.const 1)))
      (br_if 0 (i32.lt_u (local.tee 0 (i32.add (local.get 0) (local.get 1))) (local.get 2))))
    (local.get 3))

  ;; A product fused with the addition or subtraction further on that is its only reader (ProductFusion),
  ;; beside ones that stay: a product subtracted from, read again, or with a factor changed in between.
  (func (export "product-then-root") (param f64 f64 f64) (result f64)
    (f64.add (f64.mul (local.get 0) (local.get 1)) (f64.sqrt (local.get 2))))
  (func (export "root-less-early-product") (param f64 f64 f64) (result f64) (local f64 f64)
    (local.set 3 (f64.mul (local.get 0) (local.get 1)))
    (local.set 4 (f64.sqrt (local.get 2)))
    (f64.sub (local.get 4) (local.get 3)))
  (func (export "early-product-less-root") (param f64 f64 f64) (result f64) (local f64 f64)
    (local.set 3 (f64.mul (local.get 0) (local.get 1)))
    (local.set 4 (f64.sqrt (local.get 2)))
    (f64.sub (local.get 3) (local.get 4)))
  (func (export "early-product-read-again") (param f64 f64 f64) (result f64) (local f64 f64)
    (local.set 3 (f64.mul (local.get 0) (local.get 1)))
    (local.set 4 (f64.sqrt (local.get 2)))
    (f64.mul (f64.add (local.get 4) (local.get 3)) (local.get 3)))
  (func (export "early-product-of-a-changed-factor") (param f64 f64 f64) (result f64) (local f64)
    (local.set 3 (f64.mul (local.get 0) (local.get 1)))
    (local.set 0 (f64.sqrt (local.get 2)))
    (f64.add (local.get 0) (local.get 3)))

  ;; An i32 load and the signed test of what it loaded right after are one instruction (TestFusion),
  ;; whichever side of the test names the loaded value; an unsigned test stays apart.
  (func (export "scan-while-less") (param i32 i32) (result i32)
    (loop
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (br_if 0 (i32.lt_s (i32.load (local.get 0)) (local.get 1))))
    (local.get 0))
  (func (export "scan-while-above-limit") (param i32 i32) (result i32)
    (loop
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (br_if 0 (i32.lt_s (local.get 1) (i32.load (local.get 0)))))
    (local.get 0))
  (func (export "scan-while-below-unsigned") (param i32 i32) (result i32)
    (loop
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (br_if 0 (i32.lt_u (i32.load (local.get 0)) (local.get 1))))
    (local.get 0))

  ;; A load whose address the addition right after it steps moves below it and joins the test
  ;; after that (LoadSinking, TestFusion), also through a second local holding the stepped pointer
  ;; as clang keeps quicksort's; one whose address slot the addition sets to another sum stays.
  (func (export "scan-down-through-copy") (param i32 i32) (result i32) (local i32 i32)
    (loop
      (local.set 2 (i32.load (local.get 0)))
      (local.set 0 (local.tee 3 (i32.add (local.get 0) (i32.const -4))))
      (br_if 0 (i32.lt_s (local.get 1) (local.get 2))))
    (local.get 0))
  (func (export "scan-load-then-other-address") (param i32 i32) (result i32) (local i32)
    (loop
      (local.set 2 (i32.load (local.get 0)))
      (local.set 0 (i32.add (local.get 1) (i32.const 4)))
      (br_if 0 (i32.lt_s (local.get 1) (local.get 2))))
    (local.get 0))

  ;; An f64 load, the multiply-add right after it that reads it and the store of the sum right
  ;; after that are one instruction (AccumulationFusion); with another instruction between the
  ;; multiply-add and the store, they stay apart.
  (func (export "accumulate") (param i32 f64 f64) (result f64)
    (local.set 1 (f64.add (local.get 1) (f64.mul (f64.load (local.get 0)) (local.get 2))))
    (f64.store offset=8 (local.get 0) (local.get 1))
    (local.get 1))
  (func (export "accumulate-apart") (param i32 f64 f64) (result f64)
    (local.set 1 (f64.add (local.get 1) (f64.mul (f64.load (local.get 0)) (local.get 2))))
    (local.set 2 (f64.neg (local.get 2)))
    (f64.store (local.get 0) (local.get 1))
    (f64.add (local.get 1) (local.get 2)))

  ;; Pointer steps right before a counter's step and test: one before a test for zero, a pair before a
  ;; test against a limit; each returns what its pointers add up to.
  (func (export "step-and-count-i32") (param $p i32) (param $n i32) (result i32) (local $sum i32)
    (loop
      (local.set $sum (i32.add (local.get $sum) (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if 0 (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (i32.add (local.get $sum) (local.get $p)))
  (func (export "step-and-count-i64") (param $p i64) (param $n i64) (result i64) (local $sum i64)
    (loop
      (local.set $sum (i64.add (local.get $sum) (local.get $p)))
      (local.set $p (i64.add (local.get $p) (i64.const 8)))
      (br_if 0 (i32.eqz (i64.eqz (local.tee $n (i64.add (local.get $n) (i64.const -1)))))))
    (i64.add (local.get $sum) (local.get $p)))
  (func (export "two-steps-and-count-to-i32") (param $p i32) (param $q i32) (param $i i32) (param $n i32) (result i32)
    (local $sum i32)
    (loop
      (local.set $sum (i32.add (local.get $sum) (i32.mul (local.get $p) (local.get $q))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $q (i32.add (local.get $q) (i32.const -3)))
      (br_if 0 (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 2))) (local.get $n))))
    (i32.add (i32.add (local.get $sum) (local.get $p)) (i32.mul (local.get $q) (local.get $i))))
  (func (export "two-steps-and-count-to-i64") (param $p i64) (param $q i64) (param $i i64) (param $n i64) (result i64)
    (local $sum i64)
    (loop
      (local.set $sum (i64.add (local.get $sum) (i64.mul (local.get $p) (local.get $q))))
      (local.set $p (i64.add (local.get $p) (i64.const 16)))
      (local.set $q (i64.add (local.get $q) (i64.const -3)))
      (br_if 0 (i64.ne (local.tee $i (i64.add (local.get $i) (i64.const 2))) (local.get $n))))
    (i64.add (i64.add (local.get $sum) (local.get $p)) (i64.mul (local.get $q) (local.get $i))))

  ;; A rotation by a constant and the multiplication by a constant right before or after it are one
  ;; instruction (RotationFusion), unless something else reads the intermediate value.
  (func (export "rotate-then-multiply") (param i32) (result i32)
    (i32.mul (i32.rotl (local.get 0) (i32.const 5)) (i32.const 0x27220a95)))
  (func (export "rotate-then-multiply-add") (param i32) (result i32)
    (i32.add (i32.mul (i32.rotl (local.get 0) (i32.const 13)) (i32.const 5)) (i32.const 0xe6546b64)))
  (func (export "rotation-read-again") (param i32) (result i32) (local i32)
    (i32.add (i32.mul (local.tee 1 (i32.rotl (local.get 0) (i32.const 13))) (i32.const 5)) (local.get 1)))

  ;; A rotation right before the function's last, one-word instruction is left as it is.
  (func (export "rotation-then-trap") (param i32)
    (local.set 0 (i32.rotl (local.get 0) (i32.const 3)))
    (unreachable))

  ;; The then arm's jump to the shared end takes a copy of it, whose first instruction then reads
  ;; the local itself instead of the copy the arm made of it.
  (func (export "early-result") (param i32 i32 i64) (result i64)
    (i64.add (local.get 2)
      (i64.extend_i32_s
        (if (result i32) (local.get 0)
          (then (local.get 1))
          (else (i32.const 3))))))

  ;; No copy of an end that may trap, or is longer than three instructions, or for a jump whose
  ;; own run may trap: charging both runs at once could show.
  (func (export "end-may-trap") (param i32 i32) (result i32)
    (i32.div_s
      (if (result i32) (local.get 0)
        (then (local.get 1))
        (else (i32.const 3)))
      (local.get 1)))

  (func (export "long-end") (param i32 i32) (result i32)
    (i32.add (i32.const 1) (i32.add (i32.const 2) (i32.mul (i32.const 3) (i32.xor (local.get 1)
      (if (result i32) (local.get 0)
        (then (local.get 1))
        (else (i32.const 3))))))))

  (func (export "arm-may-trap") (param i32 i32) (result i32)
    (i32.add (local.get 1)
      (if (result i32) (local.get 0)
        (then (i32.rem_u (local.get 1) (local.get 0)))
        (else (i32.const 3)))))

  ;; A word's multiplication, rotation and multiplication xored into a hash are one instruction.
  (func (export "mix-word") (param i32 i32) (result i32)
    (local.set 0 (i32.mul (local.get 0) (i32.const 0xcc9e2d51)))
    (local.set 0 (i32.rotl (local.get 0) (i32.const 15)))
    (local.set 0 (i32.mul (local.get 0) (i32.const 0x1b873593)))
    (i32.xor (local.get 1) (local.get 0)))
  (func (export "mixed-word-read-again") (param i32 i32) (result i32)
    (local.set 0 (i32.mul (local.get 0) (i32.const 0xcc9e2d51)))
    (local.set 0 (i32.rotl (local.get 0) (i32.const 15)))
    (local.set 0 (i32.mul (local.get 0) (i32.const 0x1b873593)))
    (i32.add (i32.xor (local.get 0) (local.get 1)) (local.get 0)))

  ;; The arithmetic of 3-vectors (VectorFusion): a dot product whose terms are further apart, an
  ;; inverse cubed distance, and three updates in place on consecutive f64s sharing two factors. Each
  ;; stays as it is when an intermediate is read later, or when the factors differ.
  (func (export "dot-product") (param f64 f64 i32) (result f64) (local f64 f64)
    (local.set 3 (f64.mul (local.get 0) (local.get 0)))
    (local.set 4 (f64.load (local.get 2)))
    (f64.add (f64.add (local.get 3) (f64.mul (local.get 1) (local.get 1)))
             (f64.mul (local.get 4) (local.get 4))))
  (func (export "dot-product-kept") (param f64 f64 i32) (result f64) (local f64 f64)
    (local.set 3 (f64.mul (local.get 0) (local.get 0)))
    (local.set 4 (f64.load (local.get 2)))
    (local.set 3 (f64.add (local.get 3) (f64.mul (local.get 1) (local.get 1))))
    (f64.add (f64.add (local.get 3) (f64.mul (local.get 4) (local.get 4))) (local.get 3)))
  (func (export "dot-product-first-term-kept") (param f64 f64 f64) (result f64) (local f64)
    (local.set 3 (f64.mul (local.get 0) (local.get 0)))
    (f64.add (f64.add (f64.add (local.get 3) (f64.mul (local.get 1) (local.get 1))) (f64.mul (local.get 2) (local.get 2)))
             (local.get 3)))
  (func (export "inverse-cube") (param f64 f64) (result f64)
    (f64.div (local.get 0) (f64.mul (local.get 1) (f64.sqrt (local.get 1)))))
  (func (export "inverse-cube-root-kept") (param f64 f64) (result f64) (local f64)
    (f64.add (f64.div (local.get 0) (f64.mul (local.get 1) (local.tee 2 (f64.sqrt (local.get 1)))))
             (local.get 2)))
  (func (export "vector-update") (param i32 f64 f64 f64 f64 f64)
    (f64.store offset=8 (local.get 0)
      (f64.sub (f64.load offset=8 (local.get 0)) (f64.mul (f64.mul (local.get 1) (local.get 4)) (local.get 5))))
    (f64.store offset=16 (local.get 0)
      (f64.sub (f64.load offset=16 (local.get 0)) (f64.mul (f64.mul (local.get 2) (local.get 4)) (local.get 5))))
    (f64.store offset=24 (local.get 0)
      (f64.sub (f64.load offset=24 (local.get 0)) (f64.mul (f64.mul (local.get 3) (local.get 4)) (local.get 5)))))
  (func (export "vector-update-other-scale") (param i32 f64 f64 f64 f64 f64)
    (f64.store offset=8 (local.get 0)
      (f64.add (f64.mul (f64.mul (local.get 1) (local.get 4)) (local.get 5)) (f64.load offset=8 (local.get 0))))
    (f64.store offset=16 (local.get 0)
      (f64.add (f64.mul (f64.mul (local.get 2) (local.get 4)) (local.get 5)) (f64.load offset=16 (local.get 0))))
    (f64.store offset=24 (local.get 0)
      (f64.add (f64.mul (f64.mul (local.get 3) (local.get 4)) (local.get 1)) (f64.load offset=24 (local.get 0)))))

  ;; A loop whose body is one byte store joins it with its step and test (LoopStepFusion), also with
  ;; an i64 stepped in place between them, but not with an i64 step that is not in place.
  (func (export "store-loop") (param i32 i32 i32)
    (loop
      (i32.store8 (local.get 0) (i32.const 0))
      (local.set 0 (i32.add (local.get 0) (local.get 2)))
      (br_if 0 (i32.lt_s (local.get 0) (local.get 1)))))
  (func (export "store-loop-stepping") (param i32 i32 i32 i64 i64)
    (loop
      (i32.store8 (local.get 0) (i32.const 0))
      (local.set 3 (i64.add (local.get 3) (local.get 4)))
      (local.set 0 (i32.add (local.get 0) (local.get 2)))
      (br_if 0 (i32.lt_s (local.get 0) (local.get 1)))))
  (func (export "store-loop-moving") (param i32 i32 i32 i64 i64)
    (loop
      (i32.store8 (local.get 0) (i32.const 0))
      (local.set 3 (i64.add (local.get 4) (local.get 4)))
      (local.set 0 (i32.add (local.get 0) (local.get 2)))
      (br_if 0 (i32.lt_s (local.get 0) (local.get 1)))))

  ;; Loops the interpreter runs in one go (LoopMarking): products added in place, two per turn,
  ;; closed by the pointers' and the counter's step and test; not when the body holds more.
  (func (export "axpy-loop") (param i32 i32 i32 f64) (local i32)
    (loop
      (f64.store (local.get 0) (f64.add (f64.mul (local.get 3) (f64.load (local.get 1))) (f64.load (local.get 0))))
      (f64.store offset=8 (local.get 0)
        (f64.add (f64.mul (local.get 3) (f64.load offset=8 (local.get 1))) (f64.load offset=8 (local.get 0))))
      (local.set 0 (i32.add (local.get 0) (i32.const 16)))
      (local.set 1 (i32.add (local.get 1) (i32.const 16)))
      (br_if 0 (i32.ne (local.get 2) (local.tee 4 (i32.add (local.get 4) (i32.const 2)))))))
  (func (export "axpy-loop-and-more") (param i32 i32 i32 f64) (local i32)
    (loop
      (f64.store (local.get 0) (f64.add (f64.mul (local.get 3) (f64.load (local.get 1))) (f64.load (local.get 0))))
      (local.set 3 (f64.add (local.get 3) (local.get 3)))
      (local.set 0 (i32.add (local.get 0) (i32.const 8)))
      (local.set 1 (i32.add (local.get 1) (i32.const 8)))
      (br_if 0 (i32.ne (local.get 2) (local.tee 4 (i32.add (local.get 4) (i32.const 1)))))))

  ;; A word loaded right before it is mixed joins the mix (RotationFusion), unless it is read again.
  (func (export "mix-loaded-word") (param i32 i32) (result i32)
    (i32.xor (local.get 1) (i32.mul (i32.rotl (i32.mul (i32.load (local.get 0)) (i32.const 0xcc9e2d51)) (i32.const 15))
                                    (i32.const 0x1b873593))))
  (func (export "mixed-loaded-word-read-again") (param i32 i32) (result i32) (local i32)
    (i32.add (i32.xor (local.get 1)
                      (i32.mul (i32.rotl (i32.mul (local.tee 2 (i32.load (local.get 0))) (i32.const 0xcc9e2d51)) (i32.const 15))
                               (i32.const 0x1b873593)))
             (local.get 2)))
)
