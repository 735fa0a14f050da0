;; Bulk operations on a memory the host supplies rather than one the module defines.
(module
  (import "env" "started" (func $started))
  (import "env" "memory" (memory 1))

  (func (export "grow") (param i32) (result i32)
    local.get 0
    memory.grow)

  ;; Fills [0, length) with 0xAB after telling the host it starts.
  (func (export "fill") (param $length i32)
    call $started
    i32.const 0
    i32.const 0xAB
    local.get $length
    memory.fill))
