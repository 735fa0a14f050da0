;; A run that falls into a label whose own run follows at once: both charges are made together.
(module
  ;; Not taken (0): block, local.get, br_if, nop, end, i32.const, end: 7 instructions.
  ;; Taken (nonzero): block, local.get, br_if, end, i32.const, end: 6.
  (func (export "fall_into_label") (param i32) (result i32)
    block $done
      local.get 0
      br_if $done
      nop
    end
    i32.const 7))
