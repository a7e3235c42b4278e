/*
 * How category text is compared, in the runtime scorer and (spelled in SQL by
 * sql/category-key-sql.ts) in every SQL dialect: "Software", " SOFTWARE ", "software" and a
 * decomposed "Événement" (E + U+0301) all name the same category.
 */

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Each code point lower-cased on its own (`toLowerCase` of one code point): the same on every
 * machine and locale, and without the context rules of `toLowerCase` on a whole text (a Greek
 * capital sigma is always "σ"), so that SQL can spell it as a character-by-character mapping.
 *
 * @example
 * import { lowerEachCharacter } from "./category-key";
 * lowerEachCharacter("ΟΔΟΣ Straße"); // => "οδοσ straße"
 */
export function lowerEachCharacter(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  let out = "";
  for (const c of text) out += c.toLowerCase();
  return out;
}

/**
 * The key a category value is compared by: trimmed (the characters `String.prototype.trim`
 * removes, no-break spaces included), each character lower-cased ({@link lowerEachCharacter}),
 * then Unicode NFC. The values of a rules file's `set` bins, its `missing` tokens and the
 * values of a lead all go through it before they are compared.
 *
 * @example
 * import { categoryKey } from "./category-key";
 * categoryKey("\u00a0SOFTWARE "); // => "software"
 * categoryKey("E\u0301VE\u0301NEMENT") === categoryKey("Événement"); // => true
 */
export function categoryKey(text: string): string {
  const t = lowerEachCharacter(text.trim());
  return ASCII.test(t) ? t : t.normalize("NFC");
}
