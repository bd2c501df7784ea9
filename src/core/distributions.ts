/**
 * The two distribution functions the likelihood needs, as Excel and LibreOffice compute them
 * natively: POISSON(x, mean, TRUE) and BETADIST(x, alpha, beta), the regularized incomplete beta
 * I_x(a, b) (the negative binomial's distribution function is one: P(N <= k) = I_p(size, k + 1)).
 * Pure numerics, accurate to about 1e-12 over the ranges a register produces.
 */

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, nine coefficients). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < c.length; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** P(N <= k) for N ~ Poisson(mean): Excel's POISSON(k, mean, TRUE); k is truncated as Excel does. */
export function poissonCdf(k: number, mean: number): number {
  if (mean < 0) throw new RangeError(`poissonCdf needs mean >= 0, got ${mean}`);
  const n = Math.floor(k);
  if (n < 0) return 0;
  if (mean === 0) return 1;
  // Each term in log space, so a large mean neither overflows nor underflows.
  let total = 0;
  for (let i = 0; i <= n; i++) total += Math.exp(i * Math.log(mean) - mean - logGamma(i + 1));
  return Math.min(1, total);
}

/**
 * The continued fraction of the incomplete beta (modified Lentz), which converges fast for
 * x < (a + 1) / (a + b + 2).
 */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + even * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + even / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + odd * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + odd / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) return h;
  }
  throw new Error(`The incomplete beta did not converge for x=${x}, a=${a}, b=${b}`);
}

/** I_x(a, b), the regularized incomplete beta: Excel's BETADIST(x, a, b) (and BETA.DIST(x, a, b, TRUE)). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`regularizedBeta needs a, b > 0, got ${a}, ${b}`);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges on one side of the mean; the symmetry I_x(a,b) = 1 - I_(1-x)(b,a) gives the other.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/**
 * P(N >= n) for a negative binomial N with `size` (any positive real) and success probability p
 * (mean size·(1−p)/p): 1 − I_p(size, n), as 1 − BETADIST(p, size, n) in a sheet.
 */
export function negativeBinomialAtLeast(n: number, size: number, p: number): number {
  if (n <= 0) return 1;
  return 1 - regularizedBeta(p, size, n);
}

/** P(N >= n) for N ~ Poisson(mean): 1 − POISSON(n − 1, mean, TRUE). */
export function poissonAtLeast(n: number, mean: number): number {
  if (n <= 0) return 1;
  return 1 - poissonCdf(n - 1, mean);
}

/** The 90th percentile of the standard normal: the 80% band is mean ± this many standard deviations. */
export const Z_80 = 1.2815515655446004;
