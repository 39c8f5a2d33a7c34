// Accurate f32 elementary functions (Cephes sinf/cosf/expf/logf/tanhf algorithms, ~1-2 ulp).
// They deliberately shadow WGSL's builtins: implementations may approximate those loosely
// (SwiftShader's sin/cos/log are off by ~2e-4), which would bias normals and landscapes and
// break GPU == CPU parity. The CPU twin uses Math.* in float64 rounded to f32 (the correctly
// rounded answer these approximate). Only + - * / floor ldexp bitcast are relied on.

// Inf/NaN must be produced at run time (a constant expression may not evaluate to them).
var<private> mathf_zero_bits: u32 = 0u;
fn mathf_inf() -> f32 { return bitcast<f32>(0x7f800000u | mathf_zero_bits); }
fn mathf_nan() -> f32 { return bitcast<f32>(0x7fc00000u | mathf_zero_bits); }

// Cody-Waite reduction by pi/4 and the two minimax polynomials; returns (sin x, cos x).
// Branch-free so that SIMD lanes of software GPUs do not execute every quadrant; | rather than ||
// (SwiftShader's compile time grows steeply with short-circuit blocks inlined many times over);
// integer-free: the octant count is kept as an exact f32 (software GPUs run u32 conversions and
// shifts lane by lane). Same values as integer bookkeeping for |x| < 2^24·π/4, far beyond the
// range where the reduction is accurate.
fn mathf_sincos(x: f32) -> vec2<f32> {
  let ax = abs(x);
  let j0 = floor(ax * 1.27323954473516);
  let j = j0 + (j0 - 2.0 * floor(0.5 * j0)); // rounded up to even
  let r = ((ax - j * 0.78515625) - j * 2.4187564849853515625e-4) - j * 3.77489497744594108e-8;
  let z = r * r;
  let sp = ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * r + r;
  let cp = ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0;
  // |x| = q·π/2 + r: sin = (sp, cp, −sp, −cp)[q], cos = (cp, −sp, −cp, sp)[q].
  let h = 0.5 * j;
  let q = h - 4.0 * floor(0.25 * h);
  let swap = (q == 1.0) | (q == 3.0);
  var s = select(sp, cp, swap);
  var c = select(cp, sp, swap);
  s = select(s, -s, (q >= 2.0) != (x < 0.0));
  c = select(c, -c, (q == 1.0) | (q == 2.0));
  return vec2<f32>(s, c);
}

fn sin(x: f32) -> f32 { return mathf_sincos(x).x; }
fn cos(x: f32) -> f32 { return mathf_sincos(x).y; }

fn exp(x: f32) -> f32 {
  if (x > 88.72283905206835) { return mathf_inf(); }
  if (x < -103.972077) { return 0.0; }
  let n = floor(1.44269504088896341 * x + 0.5);
  let r = x - n * 0.693359375 - n * -2.12194440e-4;
  let r2 = r * r;
  let p = (((((1.9875691500e-4 * r + 1.3981999507e-3) * r + 8.3334519073e-3) * r + 4.1665795894e-2) * r
    + 1.6666665459e-1) * r + 5.0000001201e-1) * r2 + r + 1.0;
  // ldexp in two halves keeps the exponent argument in range near the subnormal edge.
  let e = i32(n);
  let h = e / 2;
  return ldexp(ldexp(p, h), e - h);
}

// log(fract·2^e0) for fract in [0.5, 1): the Cephes logf kernel shared by log and mathf_log_unit.
fn mathf_log_kernel(fract: f32, e0: f32) -> f32 {
  let small = fract < 0.707106781186547524;
  let e = e0 - select(0.0, 1.0, small);
  let m = select(fract, fract + fract, small) - 1.0;
  let z = m * m;
  var y = ((((((((7.0376836292e-2 * m - 1.1514610310e-1) * m + 1.1676998740e-1) * m - 1.2420140846e-1) * m
    + 1.4249322787e-1) * m - 1.6668057665e-1) * m + 2.0000714765e-1) * m - 2.4999993993e-1) * m
    + 3.3333331174e-1) * m * z;
  y = y + -2.12194440e-4 * e;
  y = y - 0.5 * z;
  return m + y + 0.693359375 * e;
}

// frexp by bit masks (cheaper than frexp on software GPUs): the exponent field as an exact f32.
fn mathf_exponent_field(bits: u32) -> f32 {
  return f32(bitcast<i32>(bits & 0x7f800000u)) * 1.1920928955078125e-7;
}

fn mathf_fraction(bits: u32) -> f32 { return bitcast<f32>((bits & 0x007fffffu) | 0x3f000000u); }

fn log(x: f32) -> f32 {
  if (x < 0.0 || x != x) { return mathf_nan(); }
  if (x == 0.0) { return -mathf_inf(); }
  if (x == mathf_inf()) { return x; }
  // x = fract·2^e, fract in [0.5, 1); subnormals are scaled by 2^23 first.
  let sub = x < 1.1754943508222875e-38;
  let bits = bitcast<u32>(select(x, x * 8388608.0, sub));
  return mathf_log_kernel(mathf_fraction(bits), mathf_exponent_field(bits) - select(126.0, 149.0, sub));
}

// log for normal x in (0, 1] such as uniforms (philox_u01 >= 2^-24): the same values as log(x)
// without its special cases, which made Box–Muller ~13% slower on software GPUs.
fn mathf_log_unit(x: f32) -> f32 {
  let bits = bitcast<u32>(x);
  return mathf_log_kernel(mathf_fraction(bits), mathf_exponent_field(bits) - 126.0);
}

fn tanh(x: f32) -> f32 {
  let z = abs(x);
  if (z > 44.0) { return sign(x); }
  if (z >= 0.625) {
    let t = 1.0 - 2.0 / (exp(z + z) + 1.0);
    return select(t, -t, x < 0.0);
  }
  let s = x * x;
  return ((((-5.70498872745e-3 * s + 2.06390887954e-2) * s - 5.37397155531e-2) * s + 1.33314422036e-1) * s
    - 3.33332819422e-1) * s * x + x;
}

// x^y for x > 0 (the formula compiler expands integer powers and passes |x| otherwise).
fn pow(x: f32, y: f32) -> f32 {
  if (x == 0.0 && y > 0.0) { return 0.0; }
  return exp(y * log(x));
}
