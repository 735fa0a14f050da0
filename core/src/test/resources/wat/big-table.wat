;; A table whose initial size exceeds a host limit of 10 elements.
(module
  (table (export "table") 11 funcref))
