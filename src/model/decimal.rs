//! Decimal text to `f64` and back, correctly rounded: the same number as `str::parse::<f64>`, bit
//! for bit, and the same text as `format!` writes (`{}`, `{:e}`, `{:.N}`), for every number (the
//! tests compare them), in a fraction of the standard library's code. The standard library
//! carries tables of powers of five (~12 KB of the page's module) to read fast, and two
//! algorithms with their tables to write (~16 KB); here a short number (up to 15 digits, a power
//! of ten up to 22) is read with one exact multiplication or division, one of up to 19 digits
//! with a division in 128 bits, any other with a long division of big integers (a few
//! microseconds); a number is written from exact arithmetic in 128 bits, or big integers beyond.

/// Significant digits kept: past them only whether any is non-zero matters (a tie between two
/// doubles needs at most 767 digits to be told apart).
const KEEP: usize = 800;

/// `s` as `str::parse::<f64>` reads it: an optional sign, then digits with an optional point and
/// an optional exponent (`1`, `-0.5`, `.5`, `2.`, `1e-7`, `6E+3`), or `inf`, `infinity`, `nan` in
/// any case. None for anything else (spaces included).
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (negative, rest) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let v = if rest.eq_ignore_ascii_case(b"inf") || rest.eq_ignore_ascii_case(b"infinity") {
        f64::INFINITY
    } else if rest.eq_ignore_ascii_case(b"nan") {
        f64::NAN
    } else {
        decimal(rest)?
    };
    Some(if negative { -v } else { v })
}

/// The digits and exponent of a decimal text (without its sign), rounded to a double.
fn decimal(b: &[u8]) -> Option<f64> {
    // the value is digits × 10^exp; digits without leading zeros, at most KEEP of them
    let (mut digits, mut exp, mut dropped_nonzero, mut any) = (Vec::new(), 0i64, false, false);
    let mut i = 0;
    let mut fraction = false;
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => {
                any = true;
                let d = c - b'0';
                if digits.is_empty() && d == 0 {
                    exp -= fraction as i64;
                } else if digits.len() < KEEP {
                    digits.push(d);
                    exp -= fraction as i64;
                } else {
                    dropped_nonzero |= d != 0;
                    exp += !fraction as i64;
                }
            }
            b'.' if !fraction => fraction = true,
            _ => break,
        }
        i += 1;
    }
    if !any {
        return None;
    }
    if i < b.len() {
        if b[i] | 0x20 != b'e' {
            return None;
        }
        i += 1;
        let negative = b.get(i) == Some(&b'-');
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let mut e = 0i64;
        for &c in &b[i..] {
            if !c.is_ascii_digit() {
                return None;
            }
            // far past any double's range: more digits change nothing
            if e < 1_000_000_000 {
                e = e * 10 + (c - b'0') as i64;
            }
        }
        exp += if negative { -e } else { e };
    }
    if dropped_nonzero {
        // a non-zero digit below the kept ones: it decides a tie, and only that
        digits.push(1);
        exp -= 1;
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exp += 1;
    }
    if digits.is_empty() {
        return Some(0.0);
    }
    // the leading digit's power of ten: above 10^309 is past the largest double, below
    // 10^-325 is less than half the smallest
    let lead = digits.len() as i64 - 1 + exp;
    if lead > 309 {
        return Some(f64::INFINITY);
    }
    if lead < -325 {
        return Some(0.0);
    }
    if digits.len() <= 15 && (-22..=22).contains(&exp) {
        // both exact as doubles: one correctly rounded operation
        let n = digits.iter().fold(0u64, |n, &d| n * 10 + d as u64) as f64;
        let p = POW10[exp.unsigned_abs() as usize];
        return Some(if exp >= 0 { n * p } else { n / p });
    }
    if digits.len() <= 19 && (-21..=19).contains(&exp) {
        // in 128 bits: an integer rounded once, or a quotient of at least 56 bits and whether
        // anything remains (the texts of doubles, 17 digits, come this way)
        let n = digits.iter().fold(0u128, |n, &d| n * 10 + d as u128);
        let p = 10u128.pow(exp.unsigned_abs() as u32);
        if exp >= 0 {
            return Some((n * p) as f64);
        }
        let shift = n.leading_zeros() - 1;
        let (q, r) = ((n << shift) / p, (n << shift) % p);
        return Some(round(q, -(shift as i64), r != 0));
    }
    let mut num = Big::from_digits(&digits);
    let mut den = Big(vec![1]);
    let scaled = if exp > 0 { &mut num } else { &mut den };
    for _ in 0..exp.unsigned_abs() {
        scaled.mul_small(10);
    }
    // num / den = q × 2^s + a remainder, q of 55 to 57 bits
    let s = num.bits() as i64 - den.bits() as i64 - 56;
    if s < 0 {
        num.shl(s.unsigned_abs() as usize);
    } else {
        den.shl(s as usize);
    }
    let mut q = 0u64;
    den.shl(57);
    for bit in (0..=57).rev() {
        if num.ge(&den) {
            num.sub(&den);
            q |= 1 << bit;
        }
        den.shr1();
    }
    Some(round(q as u128, s, !num.is_zero()))
}

/// 10^0 to 10^22: every one exact as a double.
const POW10: [f64; 23] =
    [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/// The double nearest to m × 2^e2 (+ something less than 2^e2 when `more`), ties to even;
/// m has at least 54 bits.
fn round(m: u128, e2: i64, more: bool) -> f64 {
    let len = 128 - m.leading_zeros() as i64;
    let top = len - 1 + e2;
    if top > 1023 {
        return f64::INFINITY;
    }
    // the weight of the result's last bit: 53 bits below the top, or the smallest subnormal's
    let mut lsb = (top - 52).max(-1074);
    let drop = lsb - e2;
    if drop > len {
        return 0.0;
    }
    let drop = drop as u32;
    let mut kept = if drop >= 128 { 0 } else { (m >> drop) as u64 };
    let half = (m >> (drop - 1)) & 1 == 1;
    let rest = m & ((1u128 << (drop - 1)) - 1) != 0 || more;
    if half && (rest || kept & 1 == 1) {
        kept += 1;
        if kept == 1 << 53 {
            kept >>= 1;
            lsb += 1;
        }
    }
    if kept < 1 << 52 {
        // a subnormal (its last bit weighs 2^-1074)
        return f64::from_bits(kept);
    }
    let biased = lsb + 52 + 1023;
    if biased >= 2047 {
        return f64::INFINITY;
    }
    f64::from_bits(((biased as u64) << 52) | (kept & ((1 << 52) - 1)))
}

/// `x` as `format!("{x}")` writes it: the fewest significant digits that read back as `x` (the
/// nearest such number when several do), in plain decimals ("0.1", "1500", "0.0000001").
pub fn shortest(x: f64) -> String {
    written(x, |digits, exp10, out| {
        // `digits` × 10^`exp10`
        let point = digits.len() as i32 + exp10;
        if exp10 >= 0 {
            out.push_str(digits);
            out.extend(std::iter::repeat_n('0', exp10 as usize));
        } else if point > 0 {
            out.push_str(&digits[..point as usize]);
            out.push('.');
            out.push_str(&digits[point as usize..]);
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-point) as usize));
            out.push_str(digits);
        }
    })
}

/// `x` as `format!("{x:e}")` writes it: the same digits as `shortest`, as "1.5e3", "1e-7".
pub fn scientific(x: f64) -> String {
    written(x, |digits, exp10, out| {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push_str(&(exp10 + digits.len() as i32 - 1).to_string());
    })
}

/// `x` as `format!("{x:.decimals$}")` writes it: rounded to `decimals` decimals, a tie to the
/// even last digit ("0.12" for 0.125, which a double holds exactly; "2.67" for 2.675, which it
/// holds as a little less).
pub fn fixed(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return special(x);
    }
    let mut out = String::from(if x.is_sign_negative() { "-" } else { "" });
    let (m, e) = parts(x);
    let digits = to_decimal(scaled(m, e, decimals as i32, Round::Even));
    if digits.len() <= decimals {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', decimals - digits.len()));
        out.push_str(&digits);
    } else {
        let point = digits.len() - decimals;
        out.push_str(&digits[..point]);
        if decimals > 0 {
            out.push('.');
            out.push_str(&digits[point..]);
        }
    }
    out
}

/// A number in `format!`'s arguments, written as `{:.N}` writes it: `format!("{}", Fixed(x, 2))`.
pub struct Fixed(pub f64, pub usize);

impl std::fmt::Display for Fixed {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&fixed(self.0, self.1))
    }
}

/// A number in `format!`'s arguments, written as `{}` writes it.
pub struct Shortest(pub f64);

impl std::fmt::Display for Shortest {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&shortest(self.0))
    }
}

/// NaN and the infinities, as `format!` writes them.
fn special(x: f64) -> String {
    match (x.is_nan(), x < 0.0) {
        (true, _) => "NaN".into(),
        (false, true) => "-inf".into(),
        (false, false) => "inf".into(),
    }
}

/// The sign, then what `layout` writes of the shortest digits of |x| that read back as x, and
/// their power of ten (x = digits × 10^exp10); zero has the digit "0".
fn written(x: f64, layout: impl Fn(&str, i32, &mut String)) -> String {
    if !x.is_finite() {
        return special(x);
    }
    let mut out = String::from(if x.is_sign_negative() { "-" } else { "" });
    if x == 0.0 {
        layout("0", 0, &mut out);
        return out;
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        // a whole number: its digits (every other number as short is a whole unit away)
        let mut n = x.abs() as u64;
        let mut zeros = 0;
        while n % 10 == 0 {
            n /= 10;
            zeros += 1;
        }
        layout(&n.to_string(), zeros, &mut out);
        return out;
    }
    let (m, e) = parts(x);
    // `top`: the power of ten of the first digit (10^top ≤ |x| < 10^(top+1)), from an estimate
    // set right by the 17 digits it gives
    let mut top = (((64 - m.leading_zeros()) as i32 - 1 + e) as f64 * std::f64::consts::LOG10_2).floor() as i32;
    loop {
        let d = scaled(m, e, 16 - top, Round::Cut);
        if d.bits() > 64 || to_u64(&d) >= 100_000_000_000_000_000 {
            top += 1;
        } else if to_u64(&d) < 10_000_000_000_000_000 {
            top -= 1;
        } else {
            break;
        }
    }
    // the fewest digits whose nearest number (or its neighbour on the other side of x) reads
    // back as x: more digits never stop reading back, so the least is searched by halves
    let at = |p: i32| -> Option<(u64, i32)> {
        let (k, exp10) = (p - 1 - top, top - p + 1);
        // (the fraction made once, for the rounding and for every candidate's check)
        let frac = fraction(m, e, k);
        let q = match frac {
            Some((num, den)) => rounded(num, den, Round::Up) as u64,
            None => to_u64(&scaled(m, e, k, Round::Up)),
        };
        let back = |c: u64| {
            frac.and_then(|(num, den)| reads_back(num, den, m, e, c)).unwrap_or_else(|| parse_f64(&format!("{c}e{exp10}")) == Some(x.abs()))
        };
        [q, q.wrapping_sub(1), q + 1].into_iter().find(|c| back(*c)).map(|c| (c, exp10))
    };
    // most numbers a run computes need 16 or 17 digits: those are tried first
    let (mut lo, mut hi, mut best) = match at(16) {
        None => (17, 17, at(17).unwrap_or((0, 0))),
        Some(sixteen) => match at(15) {
            None => (16, 16, sixteen),
            Some(fifteen) => (1, 15, fifteen),
        },
    };
    while lo < hi {
        let mid = (lo + hi) / 2;
        match at(mid) {
            Some(found) => {
                best = found;
                hi = mid;
            }
            None => lo = mid + 1,
        }
    }
    let (mut c, mut exp10) = best;
    // (a rounding up to the next power of ten: 10…0 is 1 with a larger power)
    while c % 10 == 0 && c > 0 {
        c /= 10;
        exp10 += 1;
    }
    layout(&c.to_string(), exp10, &mut out);
    out
}

/// Whether c × 10^-s reads back as x = m × 2^e, given x × 10^s = num / den: whether it lies
/// within half the gap to the neighbouring double on its side (a tie goes to the even one). None
/// when the numbers leave 128 bits.
fn reads_back(num: u128, den: u128, m: u64, e: i32, c: u64) -> Option<bool> {
    let cd = (c as u128).checked_mul(den)?;
    let (r, below) = if cd >= num { (cd - num, false) } else { (num - cd, true) };
    // half the gap, times den: num / 2m (num / 4m under a power of two, whose gap below is half)
    let k = if below && m == 1 << 52 && e > -1074 { 4 } else { 2 } * m as u128;
    let rk = r.checked_mul(k)?;
    Some(rk < num || (rk == num && m % 2 == 0))
}

/// m × 2^e × 10^k as a fraction num / den, when both fit in 128 bits.
fn fraction(m: u64, e: i32, k: i32) -> Option<(u128, u128)> {
    let (mut num, mut den) = (m as u128, 1u128);
    if e >= 0 {
        num = num.checked_mul(1u128.checked_shl(e as u32)?)?;
    } else {
        den = 1u128.checked_shl((-e) as u32)?;
    }
    let p = 10u128.checked_pow(k.unsigned_abs())?;
    if k >= 0 {
        num = num.checked_mul(p)?;
    } else {
        den = den.checked_mul(p)?;
    }
    Some((num, den))
}

/// |x| as m × 2^e, m a whole number under 2^53.
fn parts(x: f64) -> (u64, i32) {
    let bits = x.abs().to_bits();
    let (exp, frac) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, exp - 1075)
    }
}

/// How a whole number is made of a fraction.
#[derive(Clone, Copy, PartialEq)]
enum Round {
    Cut,
    /// to the nearest, a tie to the even one (`{:.N}`)
    Even,
    /// to the nearest, a tie up (the shortest digits)
    Up,
}

/// num / den made a whole number.
fn rounded(num: u128, den: u128, round: Round) -> u128 {
    let (q, r) = (num / den, num % den);
    let up = round != Round::Cut && (r > den - r || (r == den - r && (round == Round::Up || q & 1 == 1)));
    q + up as u128
}

/// m × 2^e × 10^k made a whole number.
fn scaled(m: u64, e: i32, k: i32, round: Round) -> Big {
    // in 128 bits when the numerator and the denominator fit
    if let Some((num, den)) = fraction(m, e, k) {
        return Big::from_u128(rounded(num, den, round));
    }
    let (mut num, mut den) = (Big::from_u128(m as u128), Big::from_u128(1));
    if e >= 0 {
        num.shl(e as usize);
    } else {
        den.shl((-e) as usize);
    }
    for _ in 0..k.unsigned_abs() {
        if k >= 0 {
            num.mul_small(10);
        } else {
            den.mul_small(10);
        }
    }
    // long division, a bit at a time
    let shift = num.bits().saturating_sub(den.bits());
    let mut q = Big(vec![0; shift / 32 + 1]);
    let mut d = Big(den.0.clone());
    d.shl(shift);
    for i in (0..=shift).rev() {
        if num.ge(&d) {
            num.sub(&d);
            q.0[i / 32] |= 1 << (i % 32);
        }
        d.shr1();
    }
    q.trim();
    if round != Round::Cut {
        // the remainder against half the divisor
        num.shl(1);
        let (above, below) = (num.ge(&den), den.ge(&num));
        if above && (!below || round == Round::Up || q.0.first().is_some_and(|l| l & 1 == 1)) {
            q.add_small(1);
        }
    }
    q
}

fn to_u64(b: &Big) -> u64 {
    b.0.iter().take(2).rev().fold(0, |acc, l| acc << 32 | *l as u64)
}

/// A whole number's decimal digits ("0" for zero).
fn to_decimal(mut b: Big) -> String {
    let mut chunks = Vec::new();
    while !b.is_zero() {
        chunks.push(b.div_small(1_000_000_000));
    }
    let mut out = chunks.pop().map_or("0".to_string(), |c| c.to_string());
    for c in chunks.iter().rev() {
        let c = c.to_string();
        out.extend(std::iter::repeat_n('0', 9 - c.len()));
        out.push_str(&c);
    }
    out
}

/// A natural number, in 32-bit limbs, least significant first, without leading zero limbs.
struct Big(Vec<u32>);

impl Big {
    fn from_digits(digits: &[u8]) -> Big {
        let mut b = Big(Vec::new());
        for &d in digits {
            b.mul_small(10);
            if d != 0 {
                b.add_small(d as u32);
            }
        }
        b
    }

    fn from_u128(x: u128) -> Big {
        let mut b = Big((0..4).map(|i| (x >> (32 * i)) as u32).collect());
        b.trim();
        b
    }

    /// self / k, and the remainder.
    fn div_small(&mut self, k: u32) -> u32 {
        let mut rest = 0u64;
        for l in self.0.iter_mut().rev() {
            let x = rest << 32 | *l as u64;
            *l = (x / k as u64) as u32;
            rest = x % k as u64;
        }
        self.trim();
        rest as u32
    }

    fn mul_small(&mut self, k: u32) {
        let mut carry = 0u64;
        for l in &mut self.0 {
            let x = *l as u64 * k as u64 + carry;
            *l = x as u32;
            carry = x >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn add_small(&mut self, k: u32) {
        let mut carry = k as u64;
        for l in &mut self.0 {
            let x = *l as u64 + carry;
            *l = x as u32;
            carry = x >> 32;
            if carry == 0 {
                return;
            }
        }
        self.0.push(carry as u32);
    }

    fn bits(&self) -> usize {
        self.0.last().map_or(0, |top| self.0.len() * 32 - top.leading_zeros() as usize)
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn shl(&mut self, n: usize) {
        let (limbs, bits) = (n / 32, (n % 32) as u32);
        if bits > 0 {
            let mut carry = 0u32;
            for l in &mut self.0 {
                let x = *l;
                *l = (x << bits) | carry;
                carry = x >> (32 - bits);
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if !self.0.is_empty() {
            self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        }
    }

    fn shr1(&mut self) {
        let mut carry = 0u32;
        for l in self.0.iter_mut().rev() {
            let x = *l;
            *l = (x >> 1) | (carry << 31);
            carry = x & 1;
        }
        self.trim();
    }

    fn ge(&self, other: &Big) -> bool {
        if self.0.len() != other.0.len() {
            return self.0.len() > other.0.len();
        }
        for (a, b) in self.0.iter().rev().zip(other.0.iter().rev()) {
            if a != b {
                return a > b;
            }
        }
        true
    }

    /// self − other (self ≥ other).
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, l) in self.0.iter_mut().enumerate() {
            let x = *l as i64 - other.0.get(i).copied().unwrap_or(0) as i64 - borrow;
            borrow = (x < 0) as i64;
            *l = x.rem_euclid(1 << 32) as u32;
        }
        self.trim();
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }
}

// (proptest is a native dev-dependency)
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(s: &str) {
        let (ours, std) = (parse_f64(s), s.parse::<f64>().ok());
        assert_eq!(ours.map(f64::to_bits), std.map(f64::to_bits), "{s}: {ours:?} against {std:?}");
    }

    /// What `format!` writes, and what `decimal` writes, for one number.
    fn writes_alike(x: f64) {
        assert_eq!(shortest(x), format!("{x}"), "{{}} of {:e} ({:#x})", x, x.to_bits());
        assert_eq!(scientific(x), format!("{x:e}"), "{{:e}} of {x}");
        for d in [0, 1, 2, 3, 6, 17, 25] {
            assert_eq!(fixed(x, d), format!("{x:.d$}"), "{{:.{d}}} of {x:e}");
        }
    }

    #[test]
    fn writes_numbers_as_format_writes_them() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.2,
            0.3,
            1.5,
            2.5,
            0.5,
            0.125,
            0.375,
            2.675,
            1e21,
            1e22,
            1e23,
            1e-7,
            1.5e-7,
            123456789.0,
            0.000123,
            7.48,
            7.6,
            -0.11,
            1e300,
            1.7976931348623157e308,
            5e-324,
            2.2250738585072014e-308,
            2.225073858507201e-308,
            9007199254740993.0,
            4503599627370496.5,
            0.30000000000000004,
            100.0,
            1e15,
            1e16,
            1e17,
            f64::from_bits(0x44b5_2d02_c7e1_4af5),
            123.456,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -1e-300,
            0.049999999999999996,
            0.95,
            0.995,
            99.995,
        ] {
            writes_alike(x);
        }
        // every power of two (the one place where a double's neighbours are not evenly apart)
        for e in -1074..1024 {
            writes_alike(2f64.powi(e));
        }
    }

    #[test]
    fn reads_every_text_as_the_standard_library_does() {
        for s in [
            "0",
            "-0",
            "+0",
            "1",
            "-1",
            ".5",
            "5.",
            "0.1",
            "0.30000000000000004",
            "1e22",
            "1e23",
            "9007199254740993",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e309",
            "2.2250738585072014e-308",
            "2.2250738585072011e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-400",
            "1e400",
            "0e999999999999",
            "1e-999999999999",
            "inf",
            "-Infinity",
            "NaN",
            "nan",
            "+inf",
            "infinity",
            "",
            ".",
            "-",
            "+",
            "e5",
            "1e",
            "1e+",
            "1.2.3",
            " 1",
            "1 ",
            "1_000",
            "0x10",
            "1,5",
            "--1",
            "1e5.5",
            "١",
            "00000000000000000000000000000000001",
            "0.000000000000000000000000000000000001",
            "123456789012345678901234567890",
            "8.98846567431158e307",
            "1.5e-323",
            "2.5e-324",
            "179769313486231580793728971405301e276",
        ] {
            same(s);
        }
        // a tie decided by a digit far past the 17th, and numbers longer than the digits kept
        let tie = "9007199254740993";
        same(&format!("{tie}{}", "0".repeat(900)));
        same(&format!("{tie}{}1", "0".repeat(900)));
        same(&format!("{tie}.{}1", "0".repeat(900)));
        same(&format!("0.{}{tie}e-300", "0".repeat(20)));
        same(&"9".repeat(2000));
        same(&format!("1.{}e-310", "9".repeat(1000)));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn any_double_is_written_as_format_writes_it(bits in any::<u64>()) {
            writes_alike(f64::from_bits(bits));
        }

        #[test]
        fn any_short_decimal_is_written_as_format_writes_it(n in -10_000_000i64..10_000_000, scale in 0u32..9) {
            // numbers of few digits, and the ties of the fixed formats among them
            writes_alike(n as f64 / 10f64.powi(scale as i32));
        }

        #[test]
        fn any_double_written_reads_back_the_same(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            for s in [format!("{x}"), format!("{x:e}"), format!("{x:.3e}"), format!("{x:.20e}"), format!("{x:.30}")] {
                same(&s);
            }
        }

        #[test]
        fn halfway_between_two_doubles_reads_as_the_standard_library_reads_it(bits in 0u64..0x7fef_ffff_ffff_ffff) {
            // the exact midpoint between a double and the next (a tie: to even), and just above it
            let (x, y) = (f64::from_bits(bits), f64::from_bits(bits + 1));
            let (a, b) = (format!("{x:.1100}"), format!("{y:.1100}"));
            let width = a.len().max(b.len());
            let digits = |s: &str| format!("{s:0>width$}").bytes().filter(|c| c.is_ascii_digit()).map(|c| (c - b'0') as u32).collect::<Vec<_>>();
            let (da, db) = (digits(&a), digits(&b));
            // (a + b) / 2, digit by digit: the sum, then halved from the left
            let mut sum = vec![0u32; da.len() + 1];
            let mut carry = 0;
            for i in (0..da.len()).rev() {
                let t = da[i] + db[i] + carry;
                sum[i + 1] = t % 10;
                carry = t / 10;
            }
            sum[0] = carry;
            let mut half = Vec::with_capacity(sum.len() + 1);
            let mut rem = 0;
            for d in sum.iter().chain(std::iter::once(&0)) {
                let t = rem * 10 + d;
                half.push(char::from(b'0' + (t / 2) as u8));
                rem = t % 2;
            }
            // the sum has one more integer digit, and halving adds one more decimal
            let int_len = width - 1101 + 1;
            let text: String = half.iter().collect();
            let mid = format!("{}.{}", &text[..int_len], &text[int_len..]);
            same(&mid);
            same(&format!("{mid}1"));
            // (the text is the midpoint: a tie goes to the even one, just above it to the next)
            let even = if bits % 2 == 0 { x } else { y };
            prop_assert_eq!(parse_f64(&mid).map(f64::to_bits), Some(even.to_bits()), "{}", mid);
            prop_assert_eq!(parse_f64(&format!("{mid}1")).map(f64::to_bits), Some(y.to_bits()));
        }

        #[test]
        fn any_decimal_text_reads_as_the_standard_library_reads_it(
            int in "[0-9]{0,25}", frac in proptest::option::of("[0-9]{0,25}"), exp in proptest::option::of(-400i32..400), sign in "[-+]?"
        ) {
            let s = format!("{sign}{int}{}{}", frac.map(|f| format!(".{f}")).unwrap_or_default(), exp.map(|e| format!("e{e}")).unwrap_or_default());
            same(&s);
        }
    }
}
