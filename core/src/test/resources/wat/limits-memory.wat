;; Memory and table growth under host caps, bulk operations on huge regions, and deep recursion.
(module
  (import "env" "started" (func $started))
  (memory (export "memory") 1)
  (table 1 funcref)

  (func (export "grow") (param i32) (result i32)
    local.get 0
    memory.grow)

  (func (export "table_grow") (param i32) (result i32)
    ref.null func
    local.get 0
    table.grow 0)

  ;; Fills [0, length) with 0xAB after telling the host it starts.
  (func (export "fill") (param $length i32)
    call $started
    i32.const 0
    i32.const 0xAB
    local.get $length
    memory.fill)

  ;; Copies [0, length) to [offset, offset + length) after telling the host it starts.
  (func (export "copy") (param $offset i32) (param $length i32)
    call $started
    local.get $offset
    i32.const 0
    local.get $length
    memory.copy)

  ;; Recurses n calls deep; returns n.
  (func $depth (export "depth") (param $n i32) (result i32)
    local.get $n
    i32.eqz
    if (result i32)
      i32.const 0
    else
      local.get $n
      i32.const 1
      i32.sub
      call $depth
      i32.const 1
      i32.add
    end))
