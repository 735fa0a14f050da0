;; A start function that never returns: instantiation must still end under fuel or a timeout.
(module
  (func $forever
    loop $again
      br $again
    end)
  (start $forever))
