;; A memory whose initial size exceeds a host limit of 10 pages.
(module
  (memory (export "memory") 11))
