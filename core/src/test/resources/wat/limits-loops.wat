;; Code with known instruction counts for the fuel tests, and endless loops for deadlines and cancellation.
(module
  (import "env" "started" (func $started))
  (import "env" "reenter" (func $reenter (result i32)))

  ;; local.get, local.get, i32.add, end: 4 instructions.
  (func (export "add") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)

  ;; loop, then 5 per iteration, then end, local.get, end: 5n + 4 instructions for n >= 1.
  (func (export "count_down") (param $n i32) (result i32)
    loop $again
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $again
    end
    local.get $n)

  ;; call, i32.const, i32.add, end: 4 instructions plus whatever the host runs in between.
  (func (export "outer") (result i32)
    call $reenter
    i32.const 1
    i32.add)

  ;; Tells the host it runs, then spins in a br_if loop until the host stops it.
  (func (export "spin") (param $stop i32)
    call $started
    loop $again
      local.get $stop
      i32.eqz
      br_if $again
    end))
