;; SIMD kernels of the CPU backend (WebAssembly 128-bit SIMD, f32x4).
;; Assembled by `deno task build:wasm` (npm:wabt) into kernels_wasm.ts; the
;; TypeScript kernels in lib/backend/cpu/ are the fallback and the oracle.
;;
;; Memory layout is chosen by the caller (wasm_kernels.ts); all offsets are bytes.
(module
  (memory (export "memory") 1)

  ;; C = A @ B in float32, register-blocked 4 rows x 8 columns.
  ;;   A: m4 rows x k, row-major (m4 a multiple of 4, padding rows are zero)
  ;;   B: packed in panels of 8 columns: panel q holds columns 8q..8q+7 as k rows
  ;;      of 8 floats, at bp + q * k * 32 (padding columns are zero)
  ;;   C: m4 rows x n8, row-major (n8 a multiple of 8)
  ;; Each C entry is summed over p = 0..k-1 in order, in float32 (as TF.js does).
  (func (export "matmul_f32")
    (param $a i32) (param $bp i32) (param $c i32)
    (param $m4 i32) (param $k i32) (param $n8 i32)
    (local $i i32) (local $j i32) (local $p i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $b i32) (local $cp i32) (local $rowBytes i32) (local $cRowBytes i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $av v128)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 2)))
    (local.set $cRowBytes (i32.shl (local.get $n8) (i32.const 2)))
    (local.set $j (i32.const 0))
    (block $jdone
      (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $n8)))
        (local.set $i (i32.const 0))
        (block $idone
          (loop $iloop
            (br_if $idone (i32.ge_u (local.get $i) (local.get $m4)))
            (local.set $c00 (v128.const i32x4 0 0 0 0))
            (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0))
            (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0))
            (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0))
            (local.set $c31 (v128.const i32x4 0 0 0 0))
            (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
            (local.set $a1 (i32.add (local.get $a0) (local.get $rowBytes)))
            (local.set $a2 (i32.add (local.get $a1) (local.get $rowBytes)))
            (local.set $a3 (i32.add (local.get $a2) (local.get $rowBytes)))
            ;; panel j/8 starts at bp + (j/8) * k * 32 = bp + j * k * 4
            (local.set $b (i32.add (local.get $bp) (i32.mul (local.get $j) (local.get $rowBytes))))
            ;; two steps of p per iteration, then one more if k is odd
            (local.set $p (local.get $k))
            (block $pdone
              (loop $ploop
                (br_if $pdone (i32.lt_u (local.get $p) (i32.const 2)))
                (local.set $b0 (v128.load (local.get $b)))
                (local.set $b1 (v128.load offset=16 (local.get $b)))
                (local.set $av (f32x4.splat (f32.load (local.get $a0))))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (f32x4.splat (f32.load (local.get $a1))))
                (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (f32x4.splat (f32.load (local.get $a2))))
                (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (f32x4.splat (f32.load (local.get $a3))))
                (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $b0 (v128.load offset=32 (local.get $b)))
                (local.set $b1 (v128.load offset=48 (local.get $b)))
                (local.set $av (f32x4.splat (f32.load offset=4 (local.get $a0))))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (f32x4.splat (f32.load offset=4 (local.get $a1))))
                (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (f32x4.splat (f32.load offset=4 (local.get $a2))))
                (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (f32x4.splat (f32.load offset=4 (local.get $a3))))
                (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $a0 (i32.add (local.get $a0) (i32.const 8)))
                (local.set $a1 (i32.add (local.get $a1) (i32.const 8)))
                (local.set $a2 (i32.add (local.get $a2) (i32.const 8)))
                (local.set $a3 (i32.add (local.get $a3) (i32.const 8)))
                (local.set $b (i32.add (local.get $b) (i32.const 64)))
                (local.set $p (i32.sub (local.get $p) (i32.const 2)))
                (br $ploop)))
            (if (local.get $p)
              (then
                (local.set $b0 (v128.load (local.get $b)))
                (local.set $b1 (v128.load offset=16 (local.get $b)))
                (local.set $av (f32x4.splat (f32.load (local.get $a0))))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (f32x4.splat (f32.load (local.get $a1))))
                (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (f32x4.splat (f32.load (local.get $a2))))
                (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (f32x4.splat (f32.load (local.get $a3))))
                (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))
              ))
            ;; cp = c + (i * n8 + j) * 4
            (local.set $cp
              (i32.add (local.get $c)
                (i32.shl
                  (i32.add (i32.mul (local.get $i) (local.get $n8)) (local.get $j))
                  (i32.const 2))))
            (v128.store (local.get $cp) (local.get $c00))
            (v128.store offset=16 (local.get $cp) (local.get $c01))
            (local.set $cp (i32.add (local.get $cp) (local.get $cRowBytes)))
            (v128.store (local.get $cp) (local.get $c10))
            (v128.store offset=16 (local.get $cp) (local.get $c11))
            (local.set $cp (i32.add (local.get $cp) (local.get $cRowBytes)))
            (v128.store (local.get $cp) (local.get $c20))
            (v128.store offset=16 (local.get $cp) (local.get $c21))
            (local.set $cp (i32.add (local.get $cp) (local.get $cRowBytes)))
            (v128.store (local.get $cp) (local.get $c30))
            (v128.store offset=16 (local.get $cp) (local.get $c31))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $iloop)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $jloop))))

  ;; Element-wise float32 ops over n entries (n a multiple of 4; the caller
  ;; rounds up within its scratch) at 16-byte-aligned offsets. Each f32x4 op is
  ;; IEEE single precision, correctly rounded, so it gives exactly what
  ;; TypeScript's double-precision op rounded to float32 gives (for + − × ÷ √).
  ;; o[i] = a[i] add b[i]
  (func (export "add_f32") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.add (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = a[i] sub b[i]
  (func (export "sub_f32") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = a[i] mul b[i]
  (func (export "mul_f32") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = a[i] div b[i]
  (func (export "div_f32") (param $a i32) (param $b i32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.div (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = a[i] add s
  (func (export "add_scalar_f32") (param $a i32) (param $s f32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.add (v128.load (local.get $a)) (f32x4.splat (local.get $s))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = a[i] sub s
  (func (export "sub_scalar_f32") (param $a i32) (param $s f32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.sub (v128.load (local.get $a)) (f32x4.splat (local.get $s))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = a[i] mul s
  (func (export "mul_scalar_f32") (param $a i32) (param $s f32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.mul (v128.load (local.get $a)) (f32x4.splat (local.get $s))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = a[i] div s
  (func (export "div_scalar_f32") (param $a i32) (param $s f32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.div (v128.load (local.get $a)) (f32x4.splat (local.get $s))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = s sub a[i]
  (func (export "scalar_sub_f32") (param $s f32) (param $a i32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.sub (f32x4.splat (local.get $s)) (v128.load (local.get $a))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = s div a[i]
  (func (export "scalar_div_f32") (param $s f32) (param $a i32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.div (f32x4.splat (local.get $s)) (v128.load (local.get $a))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = neg(a[i])
  (func (export "neg_f32") (param $a i32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.neg (v128.load (local.get $a))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = sqrt(a[i])
  (func (export "sqrt_f32") (param $a i32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.sqrt (v128.load (local.get $a))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = abs(a[i])
  (func (export "abs_f32") (param $a i32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.abs (v128.load (local.get $a))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = square(a[i])
  (func (export "square_f32") (param $a i32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $a))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next))))
  ;; o[i] = identity(a[i])
  (func (export "identity_f32") (param $a i32) (param $o i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (v128.load (local.get $a)))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))))
