/**
 * Counts 64-bit hashes (DuckDB's `hash()`, given as pairs of 32-bit words, low first) in an
 * open-addressing table of typed arrays, to find the few that are on more than one row: what
 * `leadlab score` reads beside each lead to count repeated ids without grouping a million texts.
 * `expected` is how many hashes will be added (the table holds twice as many slots, and grows
 * if more come).
 *
 * @example
 * import { repeatedHashes } from "./repeated-hashes";
 * const counter = repeatedHashes(4);
 * counter.add(Uint32Array.of(1, 0, 7, 2, 1, 0), 3);
 * counter.seen(7n + (2n << 32n)); // => true
 * counter.seen(9n); // => false
 * counter.repeated(); // => [1n]
 */
export function repeatedHashes(expected: number): { add(words: Uint32Array, n: number): void; seen(hash: bigint): boolean; repeated(): bigint[] } {
  let size = 1024;
  while (size < 2 * expected) size *= 2;
  let lows = new Uint32Array(size);
  let highs = new Uint32Array(size);
  // 0: empty slot, 1: seen once, 2: seen more than once.
  let counts = new Uint8Array(size);
  let used = 0;

  const slotOf = (lo: number, hi: number): number => {
    const mask = lows.length - 1;
    let slot = (Math.imul(lo ^ hi, 0x9e3779b1) >>> 0) & mask;
    while (counts[slot] !== 0 && (lows[slot] !== lo || highs[slot] !== hi)) slot = (slot + 1) & mask;
    return slot;
  };
  const insert = (lo: number, hi: number, count: number): void => {
    const slot = slotOf(lo, hi);
    if (counts[slot] === 0) {
      lows[slot] = lo;
      highs[slot] = hi;
      counts[slot] = count;
      used++;
    } else counts[slot] = 2;
  };
  const grow = (): void => {
    const [oldLows, oldHighs, oldCounts] = [lows, highs, counts];
    lows = new Uint32Array(2 * oldLows.length);
    highs = new Uint32Array(2 * oldLows.length);
    counts = new Uint8Array(2 * oldLows.length);
    used = 0;
    for (let s = 0; s < oldLows.length; s++) if (oldCounts[s] !== 0) insert(oldLows[s], oldHighs[s], oldCounts[s]);
  };
  const words = (hash: bigint) => [Number(hash & 0xffffffffn), Number(hash >> 32n)] as const;

  return {
    add(w, n) {
      for (let r = 0; r < n; r++) {
        if (2 * used >= lows.length) grow();
        insert(w[2 * r], w[2 * r + 1], 1);
      }
    },
    seen(hash) {
      const [lo, hi] = words(hash);
      return counts[slotOf(lo, hi)] !== 0;
    },
    repeated() {
      const out: bigint[] = [];
      for (let s = 0; s < lows.length; s++) if (counts[s] === 2) out.push((BigInt(highs[s]) << 32n) | BigInt(lows[s]));
      return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
  };
}
