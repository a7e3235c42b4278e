import { inspect } from "node:util";
import type { Tolerance } from "./expectation";

/** A number shown to so many decimals, `0.4901624…`: truncated or rounded, so within one unit of the last. */
export class ShownDecimals {
  readonly value: number;
  readonly unit: number;
  constructor(readonly text: string) {
    this.value = Number(text);
    this.unit = 10 ** -(text.split(".")[1]?.length ?? 0);
  }
  [inspect.custom](): string {
    return `${this.text}…`;
  }
}

/** `…` as the last element of an expected array: any further elements. */
export const REST = Symbol("…");

/** The decimals a number is written with in its shortest form. */
function decimals(x: number): number {
  const [mantissa, exponent] = String(x).split("e");
  return Math.max(0, (mantissa.split(".")[1]?.length ?? 0) - Number(exponent ?? 0));
}

/**
 * Where `actual` differs from `expected`, or null when it matches: same type, same keys, same
 * elements (NaN matches NaN), numbers within the tolerance.
 */
export function mismatch(actual: unknown, expected: unknown, tolerance: Tolerance, where = "value"): string | null {
  const differ = () => `${where}: expected ${inspect(expected, { depth: 4 })}, got ${inspect(actual, { depth: 4 })}`;
  if (expected instanceof ShownDecimals) return typeof actual === "number" && Math.abs(actual - expected.value) <= expected.unit * (1 + 1e-9) ? null : differ();
  if (typeof expected === "number") {
    if (typeof actual !== "number") return differ();
    if (Number.isNaN(expected) || !Number.isFinite(expected)) return Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected)) ? null : differ();
    const allowed = tolerance.kind === "absolute" ? tolerance.by : tolerance.kind === "shown-decimals" ? 0.5 * 10 ** -decimals(expected) * (1 + 1e-9) : 0;
    return Math.abs(actual - expected) <= allowed ? null : differ();
  }
  if (expected === null || typeof expected !== "object") return Object.is(actual, expected) ? null : differ();
  if (actual === null || typeof actual !== "object") return differ();
  if (ArrayBuffer.isView(expected) || ArrayBuffer.isView(actual)) {
    if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return differ();
    return mismatch(Array.from(actual as unknown as ArrayLike<unknown>), Array.from(expected as unknown as ArrayLike<unknown>), tolerance, where);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return differ();
    const open = expected.at(-1) === REST;
    const shown = open ? expected.slice(0, -1) : expected;
    if (open ? actual.length < shown.length : actual.length !== shown.length) return `${where}: expected ${open ? "at least " : ""}${shown.length} elements, got ${actual.length}: ${inspect(actual, { depth: 4 })}`;
    for (let i = 0; i < shown.length; i++) {
      const m = mismatch(actual[i], shown[i], tolerance, `${where}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (Array.isArray(actual)) return differ();
  const keys = Object.keys(expected);
  const actualKeys = Object.keys(actual);
  if (keys.length !== actualKeys.length || keys.some((k) => !actualKeys.includes(k))) return `${where}: expected the keys ${keys.join(", ")}, got ${actualKeys.join(", ")}`;
  for (const k of keys) {
    const m = mismatch((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], tolerance, `${where}.${k}`);
    if (m) return m;
  }
  return null;
}
