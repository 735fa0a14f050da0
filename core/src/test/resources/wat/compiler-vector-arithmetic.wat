;; The f64 arithmetic of 3-vectors that lowering fuses (CompiledVectorArithmeticTest): an n-body step
;; for one pair of bodies, as clang orders it (a dot product with a load between its terms, an inverse
;; cubed distance, each body's velocity updated in place), and three updates in place on their own,
;; with static offsets or with addresses that wrap. Rebuild with scripts/build-test-modules.sh.
(module
  (memory 1)

  (func (export "store_f64") (param $p i32) (param $v f64)
    (f64.store (local.get $p) (local.get $v)))
  (func (export "load_f64") (param $p i32) (result f64)
    (f64.load (local.get $p)))

  ;; Bodies at p and q hold x, y, z, vx, vy, vz and m (56 bytes). Pulls them towards each other over
  ;; dt and returns dt / (d2 * sqrt(d2)).
  (func (export "pair") (param $p i32) (param $q i32) (param $dt f64) (result f64)
      (local $dx f64) (local $dy f64) (local $dz f64) (local $d2 f64) (local $mag f64) (local $mq f64) (local $mp f64)
    (local.set $mq (f64.load offset=48 (local.get $q)))
    (local.set $mp (f64.load offset=48 (local.get $p)))
    (local.set $dx (f64.sub (f64.load (local.get $p)) (f64.load (local.get $q))))
    (local.set $dz (f64.sub (f64.load offset=16 (local.get $p)) (f64.load offset=16 (local.get $q))))
    (local.set $d2 (f64.mul (local.get $dx) (local.get $dx)))
    (local.set $dy (f64.sub (f64.load offset=8 (local.get $p)) (f64.load offset=8 (local.get $q))))
    (local.set $d2 (f64.add (f64.add (local.get $d2) (f64.mul (local.get $dy) (local.get $dy)))
                            (f64.mul (local.get $dz) (local.get $dz))))
    (local.set $mag (f64.div (local.get $dt) (f64.mul (local.get $d2) (f64.sqrt (local.get $d2)))))
    (f64.store offset=24 (local.get $p) (f64.sub (f64.load offset=24 (local.get $p))
      (f64.mul (f64.mul (local.get $dx) (local.get $mq)) (local.get $mag))))
    (f64.store offset=32 (local.get $p) (f64.sub (f64.load offset=32 (local.get $p))
      (f64.mul (f64.mul (local.get $dy) (local.get $mq)) (local.get $mag))))
    (f64.store offset=40 (local.get $p) (f64.sub (f64.load offset=40 (local.get $p))
      (f64.mul (f64.mul (local.get $dz) (local.get $mq)) (local.get $mag))))
    (f64.store offset=24 (local.get $q) (f64.add
      (f64.mul (f64.mul (local.get $dx) (local.get $mp)) (local.get $mag))
      (f64.load offset=24 (local.get $q))))
    (f64.store offset=32 (local.get $q) (f64.add
      (f64.mul (f64.mul (local.get $dy) (local.get $mp)) (local.get $mag))
      (f64.load offset=32 (local.get $q))))
    (f64.store offset=40 (local.get $q) (f64.add
      (f64.mul (f64.mul (local.get $dz) (local.get $mp)) (local.get $mag))
      (f64.load offset=40 (local.get $q))))
    (local.get $mag))

  ;; v -= d * m * dt for the 3-vector v at p + 8 and d = (x, y, z).
  (func (export "push") (param $p i32) (param $x f64) (param $y f64) (param $z f64) (param $m f64) (param $dt f64)
    (f64.store offset=8 (local.get $p)
      (f64.sub (f64.load offset=8 (local.get $p)) (f64.mul (f64.mul (local.get $x) (local.get $m)) (local.get $dt))))
    (f64.store offset=16 (local.get $p)
      (f64.sub (f64.load offset=16 (local.get $p)) (f64.mul (f64.mul (local.get $y) (local.get $m)) (local.get $dt))))
    (f64.store offset=24 (local.get $p)
      (f64.sub (f64.load offset=24 (local.get $p)) (f64.mul (f64.mul (local.get $z) (local.get $m)) (local.get $dt)))))

  ;; v += d * m * dt for the 3-vector v at p + 8, each address an i32 sum that wraps.
  (func (export "pull_wrapping") (param $p i32) (param $x f64) (param $y f64) (param $z f64) (param $m f64) (param $dt f64)
      (local $a i32)
    (local.set $a (i32.add (local.get $p) (i32.const 8)))
    (f64.store (local.get $a)
      (f64.add (f64.mul (f64.mul (local.get $m) (local.get $x)) (local.get $dt)) (f64.load (local.get $a))))
    (local.set $a (i32.add (local.get $p) (i32.const 16)))
    (f64.store (local.get $a)
      (f64.add (f64.mul (f64.mul (local.get $m) (local.get $y)) (local.get $dt)) (f64.load (local.get $a))))
    (local.set $a (i32.add (local.get $p) (i32.const 24)))
    (f64.store (local.get $a)
      (f64.add (f64.mul (f64.mul (local.get $m) (local.get $z)) (local.get $dt)) (f64.load (local.get $a)))))
)
