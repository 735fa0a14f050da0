;; Writes to stdout and exits through WASI preview1, for the process API's WASI option.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  ;; An iovec at 0 pointing at the text at 16; the count of bytes written goes to 8.
  (data (i32.const 0) "\10\00\00\00\0d\00\00\00")
  (data (i32.const 16) "Hi from WASI\0a")
  (func (export "greet") (result i32)
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
  (func (export "quit") (param $code i32)
    (call $proc_exit (local.get $code))))
