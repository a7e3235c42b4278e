import { Document, isMap, isScalar, isSeq, type Node } from "yaml";
import type { DatasetSpec } from "../formats/dataset-spec";

/** Comments for a drafted spec: lines at the top, and one comment before each field by its dotted path (`join.0`, `deals.outcome`). */
export interface SpecComments {
  top: string[];
  fields: Record<string, string>;
}

/**
 * A dataset spec as commented YAML: the comments above the fields they explain, short lists
 * and join keys written inline.
 *
 * @example
 * import { specYaml } from "./spec-yaml";
 * specYaml({ name: "x", deals: { file: "d.csv", id: "id", outcome: { column: "s", won: ["Won"], lost: [] } } }, { top: ["drafted"], fields: {} }).startsWith("# drafted\n"); // => true
 */
export function specYaml(spec: DatasetSpec, comments: SpecComments): string {
  const doc = new Document(spec);
  doc.commentBefore = comments.top.map((l) => ` ${l}`).join("\n");
  const inline = (node: unknown) => {
    if (isSeq(node) || isMap(node)) node.flow = true;
  };
  inline(doc.getIn(["deals", "outcome", "won"], true));
  inline(doc.getIn(["deals", "outcome", "lost"], true));
  inline(doc.getIn(["retention", "retained"], true));
  inline(doc.getIn(["missing"], true));
  (spec.join ?? []).forEach((_, i) => inline(doc.getIn(["join", i, "on"], true)));
  for (const name of Object.keys(spec.attributes ?? {})) inline(doc.getIn(["attributes", name], true));
  for (const [path, text] of Object.entries(comments.fields)) {
    const keys = path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const parent = keys.length > 1 ? doc.getIn(keys.slice(0, -1), true) : doc.contents;
    const last = keys[keys.length - 1];
    // In a map the comment goes above the key; in a list, above the item.
    const target = isMap(parent) ? (parent.items.find((p) => isScalar(p.key) && p.key.value === last)?.key as Node | undefined) : (doc.getIn(keys, true) as Node | undefined);
    if (target) target.commentBefore = ` ${text}`;
  }
  return doc.toString({ lineWidth: 0 });
}
