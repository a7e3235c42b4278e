/**
 * The form in which labels (outcome values, retention flags) are compared: Unicode NFC (so a
 * composed and a decomposed "É" are one letter), every run of white space (non-breaking and
 * other Unicode spaces, tabs, zero-width spaces) collapsed to one space and trimmed, and case
 * folded (upper then lower case, so "ß" and "SS" compare equal). Locale-independent.
 *
 * @example
 * import { foldText } from "./fold-text";
 * foldText(" Closed\u00a0 WON "); // => "closed won"
 */
export function foldText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\s\u200b\u2060]+/g, " ")
    .trim()
    .toUpperCase()
    .toLowerCase();
}
