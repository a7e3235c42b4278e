import { gowerToPoints, rowCompleteness, type GowerModel } from "./gower";

/** Every row's nearest medoid. */
export interface Assignment {
  /** Cluster of each row (the position of its nearest medoid, ties to the lower one); -1 for a row with no value in any column. */
  labels: Int32Array;
  /** Gower distance of each row to its medoid (NaN when unassigned). */
  distances: Float64Array;
}

/**
 * Assigns every row of a prepared Gower model (or only `rows`) exactly to its nearest medoid,
 * computing only rows × medoids distances (no n × n matrix): this is how a clustering found
 * on a sample is extended to all customers. A row with no value in any column cannot be
 * compared and gets -1. Cost O(n · k · columns).
 *
 * @example
 * import { prepareGower } from "./gower";
 * const g = prepareGower([{ name: "x", kind: "numeric", values: Float64Array.from([0, 1, 9, 10, NaN]) }]);
 * Array.from(assignToMedoids(g, [0, 3]).labels); // => [0, 0, 1, 1, -1]
 */
export function assignToMedoids(model: GowerModel, medoidRows: ArrayLike<number>, rows?: ArrayLike<number>): Assignment {
  const k = medoidRows.length;
  if (k === 0) throw new Error("assignToMedoids: at least one medoid is required; got none");
  const r = rows ?? Int32Array.from({ length: model.n }, (_, i) => i);
  const d = gowerToPoints(model, medoidRows, r);
  const complete = rowCompleteness(model);
  const m = r.length;
  const labels = new Int32Array(m);
  const distances = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    if (complete[r[t]] === 0) {
      labels[t] = -1;
      distances[t] = NaN;
      continue;
    }
    let best = 0;
    let bd = Infinity;
    for (let c = 0; c < k; c++) {
      const x = d[t * k + c];
      if (x < bd) {
        bd = x;
        best = c;
      }
    }
    labels[t] = best;
    distances[t] = bd;
  }
  // a medoid always belongs to its own cluster, even when another medoid is at distance 0
  for (let c = 0; c < k; c++) {
    for (let t = 0; t < m; t++) {
      if (r[t] === medoidRows[c] && complete[r[t]] > 0) {
        labels[t] = c;
        distances[t] = 0;
      }
    }
  }
  return { labels, distances };
}
