/**
 * In-place iterative radix-2 complex FFT (Cooley-Tukey), enough for autocovariances by the Wiener-Khinchin route.
 * The length must be a power of two; callers zero-pad (numpy pads to a 5-smooth length instead, which gives the
 * same linear correlation as long as the padding is ≥ 2n − 1).
 */

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Forward transform when `inverse` is false; the inverse is unscaled (divide by the length yourself). */
export function fftInPlace(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (n !== im.length || (n & (n - 1)) !== 0) throw new RangeError('FFT length must be a power of two');
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i]!;
      re[i] = re[j]!;
      re[j] = tr;
      const ti = im[i]!;
      im[i] = im[j]!;
      im[j] = ti;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let len = 2; len <= n; len *= 2) {
    const half = len / 2;
    const step = (sign * 2 * Math.PI) / len;
    for (let k = 0; k < half; k++) {
      // Twiddles from cos/sin of each angle rather than by repeated multiplication, to keep rounding at O(ε·log n).
      const wr = Math.cos(step * k);
      const wi = Math.sin(step * k);
      for (let start = 0; start < n; start += len) {
        const a = start + k;
        const b = a + half;
        const xr = re[b]! * wr - im[b]! * wi;
        const xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
      }
    }
  }
}
