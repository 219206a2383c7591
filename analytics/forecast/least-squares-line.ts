/** The ordinary least-squares line through the last values of a series, on x = 0, 1, … (window-local). */

export interface Line {
  w: number;
  intercept: number;
  slope: number;
  s: number;
  xbar: number;
  sxx: number;
}

/** OLS of the last `window` values on x = 0…w−1 (centred sums, so large byte counts keep their precision). */
export function lineFit(y: ArrayLike<number>, window: number): Line {
  const w = Math.min(window, y.length);
  const start = y.length - w;
  const xbar = (w - 1) / 2;
  let ybar = 0;
  for (let i = 0; i < w; i++) ybar += y[start + i]!;
  ybar /= w;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < w; i++) {
    const dx = i - xbar;
    sxy += dx * (y[start + i]! - ybar);
    sxx += dx * dx;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = ybar - slope * xbar;
  let rss = 0;
  for (let i = 0; i < w; i++) rss += (y[start + i]! - intercept - slope * i) ** 2;
  return { w, intercept, slope, s: Math.sqrt(rss / Math.max(w - 2, 1)), xbar, sxx };
}
