import { normalQuantile } from "./normal-distribution";

/** The retention horizon when none is given: a customer is retained when still a customer this many days after the start. */
export const RETENTION_HORIZON_DAYS = 365;

/** Options of {@link kaplanMeier}. */
export interface KaplanMeierOptions {
  /** Two-sided confidence level of the pointwise band, default 0.95. */
  confidence?: number;
}

/**
 * A Kaplan–Meier survival curve: one entry per distinct time at which something happened
 * (an event or a censoring), ascending. The curve is a right-continuous step function: S(t) is
 * `survival[i]` for time[i] ≤ t < time[i + 1], and 1 before time[0].
 */
export interface KaplanMeierCurve {
  time: Float64Array;
  /** Number at risk just before time[i]. */
  atRisk: Float64Array;
  /** Events at time[i]. */
  events: Float64Array;
  /** Censored at time[i] (still at risk at that time, gone after it). */
  censored: Float64Array;
  /** Kaplan–Meier estimate S(time[i]) = Π over event times ≤ time[i] of (1 − d/n). */
  survival: Float64Array;
  /** Greenwood's sum Σ d / (n (n − d)) over event times ≤ time[i] (Infinity once S reaches 0). */
  greenwood: Float64Array;
  /** Greenwood standard error of S: S · √greenwood (NaN where S = 0, as statsmodels). */
  stdError: Float64Array;
  /** Pointwise log-log confidence band. */
  lo: Float64Array;
  hi: Float64Array;
  confidence: number;
  /** Rows used. */
  n: number;
  totalEvents: number;
  /** Rows left out (time NaN or event neither 0 nor 1). */
  ignored: number;
}

/** A survival probability with its confidence interval. */
export interface SurvivalEstimate {
  survival: number;
  stdError: number;
  lo: number;
  hi: number;
}

/**
 * Kaplan–Meier estimate of the survival function from right-censored data, with Greenwood's
 * variance and a pointwise confidence band on the log-log scale (Kalbfleisch & Prentice):
 * θ = ln(−ln S), se(θ) = √greenwood / |ln S|, and the band maps θ ± z·se(θ) back, giving
 * [S^exp(z·se), S^exp(−z·se)]. The band always lies inside [0, 1], unlike the plain
 * S ± z·SE band; it is [1, 1] before the first event and [0, 0] once S = 0.
 *
 * @param time time to event or censoring (e.g. days from contract start to churn); NaN rows are left out
 * @param event 1 (or true) when the event (churn) was observed, 0 (or false) when censored
 * @example
 * const km = kaplanMeier([1, 2, 2, 3, 4], [1, 1, 0, 1, 0]);
 * Array.from(km.survival); // => [0.8, 0.6, 0.3, 0.3] (to rounding; times 1, 2, 3, 4)
 */
export function kaplanMeier(time: ArrayLike<number>, event: ArrayLike<number | boolean>, options: KaplanMeierOptions = {}): KaplanMeierCurve {
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new Error(`kaplanMeier: confidence must be in (0, 1); got ${confidence}`);
  if (time.length !== event.length) throw new Error(`kaplanMeier: time has ${time.length} values but event has ${event.length}`);
  const rows: number[] = [];
  let ignored = 0;
  for (let i = 0; i < time.length; i++) {
    const e = Number(event[i]);
    if (Number.isNaN(time[i]) || !(e === 0 || e === 1)) ignored++;
    else rows.push(i);
  }
  rows.sort((a, b) => time[a] - time[b]);
  const ts: number[] = [];
  const ds: number[] = [];
  const cs: number[] = [];
  for (const i of rows) {
    const t = time[i];
    const dead = Number(event[i]) === 1;
    if (ts.length === 0 || ts[ts.length - 1] !== t) {
      ts.push(t);
      ds.push(0);
      cs.push(0);
    }
    if (dead) ds[ds.length - 1]++;
    else cs[cs.length - 1]++;
  }
  const k = ts.length;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const curve: KaplanMeierCurve = {
    time: Float64Array.from(ts),
    atRisk: new Float64Array(k),
    events: Float64Array.from(ds),
    censored: Float64Array.from(cs),
    survival: new Float64Array(k),
    greenwood: new Float64Array(k),
    stdError: new Float64Array(k),
    lo: new Float64Array(k),
    hi: new Float64Array(k),
    confidence,
    n: rows.length,
    totalEvents: ds.reduce((s, v) => s + v, 0),
    ignored,
  };
  let atRisk = rows.length;
  let s = 1;
  let g = 0;
  for (let i = 0; i < k; i++) {
    const d = ds[i];
    curve.atRisk[i] = atRisk;
    if (d > 0) {
      s = d === atRisk ? 0 : s * (1 - d / atRisk);
      g = d === atRisk ? Infinity : g + d / (atRisk * (atRisk - d));
    }
    curve.survival[i] = s;
    curve.greenwood[i] = g;
    curve.stdError[i] = s === 0 ? NaN : s * Math.sqrt(g);
    const band = logLogBand(s, g, z);
    curve.lo[i] = band[0];
    curve.hi[i] = band[1];
    atRisk -= d + cs[i];
  }
  return curve;
}

function logLogBand(s: number, greenwood: number, z: number): [number, number] {
  if (s >= 1 || greenwood === 0) return [s, s];
  if (s <= 0) return [0, 0];
  const se = Math.sqrt(greenwood) / Math.abs(Math.log(s));
  return [Math.pow(s, Math.exp(z * se)), Math.pow(s, Math.exp(-z * se))];
}

/**
 * The survival probability at time t read off a Kaplan–Meier curve (the step at the largest
 * curve time ≤ t), with its Greenwood standard error and log-log interval at the curve's
 * confidence level. Before the first time: S = 1 with interval [1, 1]. After the last time the
 * last value is carried forward (the curve says nothing new beyond the data).
 *
 * @example
 * survivalAt(kaplanMeier([1, 2, 2, 3, 4], [1, 1, 0, 1, 0]), 2.5).survival; // => 0.6 (to rounding)
 */
export function survivalAt(curve: KaplanMeierCurve, t: number): SurvivalEstimate {
  if (Number.isNaN(t)) return { survival: NaN, stdError: NaN, lo: NaN, hi: NaN };
  let lo = 0;
  let hi = curve.time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (curve.time[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  if (i < 0) return { survival: 1, stdError: 0, lo: 1, hi: 1 };
  return { survival: curve.survival[i], stdError: curve.stdError[i], lo: curve.lo[i], hi: curve.hi[i] };
}

/** A median survival time with its confidence interval. */
export interface MedianSurvival {
  /** First time at which S ≤ 0.5; NaN when the curve never gets there. */
  median: number;
  /** Confidence limits (Brookmeyer–Crowley on the log-log scale); hi may be Infinity, both NaN when undefined. */
  lo: number;
  hi: number;
}

/**
 * Median survival time of a Kaplan–Meier curve: the first time with S(t) ≤ 0.5 (a tolerance of
 * 1e-12 absorbs rounding, so a curve that lands exactly on 0.5 reaches the median there — SAS
 * and statsmodels use S < 0.5 instead). NaN when S never falls to 0.5.
 *
 * The interval inverts the log-log z-test of S(t) = 0.5 over the event times (Brookmeyer &
 * Crowley, as SAS PROC LIFETEST and statsmodels' `quantile_ci(0.5)`): lo is the first event time
 * whose S is not rejected, hi the event time after the last one not rejected (Infinity when that
 * is the last event time).
 *
 * @example
 * medianSurvival(kaplanMeier([1, 2, 2, 3, 4], [1, 1, 0, 1, 0])).median; // => 3
 */
export function medianSurvival(curve: KaplanMeierCurve): MedianSurvival {
  let median = NaN;
  for (let i = 0; i < curve.time.length; i++)
    if (curve.survival[i] <= 0.5 + 1e-12) {
      median = curve.time[i];
      break;
    }
  const z = normalQuantile(1 - (1 - curve.confidence) / 2);
  const g05 = Math.log(-Math.log(0.5));
  const eventIdx: number[] = [];
  for (let i = 0; i < curve.time.length; i++) if (curve.events[i] > 0) eventIdx.push(i);
  let first = -1;
  let last = -1;
  for (let e = 0; e < eventIdx.length; e++) {
    const i = eventIdx[e];
    const s = curve.survival[i];
    if (!(s > 0 && s < 1)) continue;
    const ls = Math.log(s);
    const r = (Math.log(-ls) - g05) / (Math.sqrt(curve.greenwood[i]) / -ls);
    if (Math.abs(r) <= z) {
      if (first < 0) first = e;
      last = e;
    }
  }
  if (first < 0) return { median, lo: NaN, hi: NaN };
  return {
    median,
    lo: curve.time[eventIdx[first]],
    hi: last === eventIdx.length - 1 ? Infinity : curve.time[eventIdx[last + 1]],
  };
}
