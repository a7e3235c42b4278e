import { Type, type TLiteral, type TUnion } from "@sinclair/typebox";

/**
 * A TypeBox union of string literals: the type is one of `values`, and the JSON Schema lists
 * them (`anyOf` of `const`s), with an optional description.
 *
 * @example
 * import { literalUnion } from "./literal-union";
 * literalUnion(["won", "lost"] as const).anyOf.map((s) => s.const); // => ["won", "lost"]
 */
export function literalUnion<T extends readonly string[]>(values: T, options?: { description: string }): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(
    values.map((v) => Type.Literal(v as T[number])),
    options,
  );
}
