import assert from "node:assert/strict";
import { test } from "node:test";
import { seededRandom } from "../../src/stats/random";

// Reference: splitmix32 seeding then xoshiro128** (Blackman and Vigna's C code), written again
// in plain Python integers, independently of this implementation:
//   M = 0xffffffff
//   def splitmix(x): x = (x + 0x9e3779b9) & M; z = ((x ^ (x >> 16)) * 0x85ebca6b) & M; z = ((z ^ (z >> 13)) * 0xc2b2ae35) & M; return x, (z ^ (z >> 16)) & M
//   state a, b, c, d from four splitmix draws of seed & M; each draw: r = (rotl((b * 5) & M, 7) * 9) & M;
//   t = (b << 9) & M; c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11); yield r / 2**32
const REFERENCE: [number, number[]][] = [
  [0, [0.8868539538234472, 0.26395898405462503, 0.012474989285692573, 0.6732365123461932]],
  [7, [0.23382771760225296, 0.5122324188705534, 0.4489145821426064, 0.17271522153168917]],
  [2 ** 32 + 5, [0.842144260648638, 0.8309697399381548, 0.6242912346497178, 0.2667352086864412]],
];

test("seededRandom: splitmix32-seeded xoshiro128**, the reference implementation's numbers exactly", () => {
  for (const [seed, expected] of REFERENCE) {
    const rand = seededRandom(seed);
    assert.deepEqual(Array.from({ length: expected.length }, rand), expected, `seed ${seed}`);
  }
});
