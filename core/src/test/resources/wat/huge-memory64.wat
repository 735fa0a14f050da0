;; A 64-bit memory whose initial size (2^32 pages, 256 TiB) no host can provide.
(module
  (memory (export "memory") i64 0x100000000))
