;; Declares 60,000 initial pages (about 3.7 GiB): more than a capped instance may hold.
(module
  (memory (export "memory") 60000))
