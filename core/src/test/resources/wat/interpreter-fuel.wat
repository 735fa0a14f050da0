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
    i32.const 7)

  ;; The then arm's jump to the shared end is replaced by a copy of that end, charged together.
  ;; Then (nonzero): local.get, local.get, if, local.get, else, end, i64.extend_i32_s, i64.add,
  ;; end: 9 instructions. Else (0): local.get, local.get, if, i32.const, end, i64.extend_i32_s,
  ;; i64.add, end: 8.
  (func (export "early_result") (param i32 i32 i64) (result i64)
    local.get 2
    local.get 0
    if (result i32)
      local.get 1
    else
      i32.const 3
    end
    i64.extend_i32_s
    i64.add))
