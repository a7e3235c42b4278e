/**
 * A small seeded pseudo-random generator for the sample data: mulberry32 for uniform numbers,
 * with normal (Box–Muller), log-normal, Poisson, Bernoulli and weighted choice on top.
 *
 * Hand-written rather than a dependency because it is tiny, its output must never change
 * between versions (the committed sample is compared byte for byte), and the generator needs
 * nothing more. Not for cryptography.
 *
 * @example
 * import { Random } from "./random";
 * const a = new Random(42), b = new Random(42);
 * a.next() === b.next(); // => true
 * new Random(7).int(1, 6); // an integer from 1 to 6
 */
export class Random {
  private state: number;
  private spareNormal: number | undefined;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A uniform number in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A uniform integer from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** `true` with probability `p`. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** A normal draw (Box–Muller; the second value of each pair is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * z;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** `exp(normal(mu, sigma))`: a positive, right-skewed draw with median `exp(mu)`. */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** A Poisson count with mean `lambda` (Knuth's product method; normal approximation above 30). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** One of `items`, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of `items`, with probability proportional to `weights` (same length, not all zero). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i];
      if (r < 0) return items[i];
    }
    return items[items.length - 1];
  }
}

/**
 * Mixes a seed with a stream number into an independent 32-bit seed (the splitmix32 finaliser),
 * so that a part of the sample (one account's events) can be drawn on its own, in any order.
 *
 * @example
 * import { deriveSeed } from "./random";
 * deriveSeed(42, 1) === deriveSeed(42, 1); // => true
 * deriveSeed(42, 1) === deriveSeed(42, 2); // => false
 */
export function deriveSeed(seed: number, stream: number): number {
  let z = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
