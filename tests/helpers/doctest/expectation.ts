/**
 * The `// =>` notation of the JSDoc examples, read as a JavaScript expression plus how closely
 * numbers must agree. The notation (simple-statistics' and scikit-learn's doctests, extended):
 *
 * - a JavaScript value: `2`, `"won"`, `[1, 1 / 3]`, `{ n: 2 }`, `NaN`, `undefined`;
 * - a typed array as Node prints it: `Float64Array [3, NaN, 5]`;
 * - `0.4901624…`: a number shown to so many decimals (truncated or rounded);
 * - `[a, b, …]`: an array that starts with these elements;
 * - a trailing note in parentheses is a comment, except `(to 1e-15)` (absolute tolerance) and
 *   `(to rounding)` (each number to the decimals it is shown with);
 * - `working ≈ 0.889` and `working = 0.25`: only the value after the last `≈` or `=` counts, and
 *   `≈` means to the decimals shown;
 * - `−` (the minus sign) outside strings is `-`.
 */

/** How closely the actual numbers must agree with the expected ones. */
export type Tolerance = { kind: "exact" } | { kind: "absolute"; by: number } | { kind: "shown-decimals" };

export interface Expectation {
  /** A JavaScript expression that builds the expected value, using `__approx` and `__rest`. */
  expression: string;
  tolerance: Tolerance;
}

/** Reads the text after `// =>`. */
export function parseExpectation(text: string): Expectation {
  let value = text.trim();
  let tolerance: Tolerance = { kind: "exact" };
  const note = startsAsString(value) ? /^((["'`])(?:[^\\]|\\.)*?\2)\s+\((?<note>.*)\)$/.exec(value) : /^(.*?\S)\s+\((?<note>(?:[^()]|\([^()]*\))*)\)$/.exec(value);
  if (note) {
    value = note[1];
    const said = note.groups!.note;
    const by = /^to (\d(?:\.\d+)?e-\d+)$/.exec(said);
    if (by) tolerance = { kind: "absolute", by: Number(by[1]) };
    else if (said.startsWith("to rounding")) tolerance = { kind: "shown-decimals" };
  }
  if (!startsAsString(value)) {
    const approx = value.lastIndexOf("≈");
    if (approx >= 0) {
      value = value.slice(approx + 1).trim();
      tolerance = { kind: "shown-decimals" };
    } else if (/\s=\s/.test(value) && !/^[[{]/.test(value)) value = value.slice(value.lastIndexOf(" = ") + 3).trim();
  }
  return { expression: outsideStrings(value, notationToJs), tolerance };
}

function startsAsString(value: string): boolean {
  return /^["'`]/.test(value);
}

/** Rewrites the notation's non-JavaScript parts in a stretch of text outside string literals. */
function notationToJs(code: string): string {
  return code
    .replace(/−/g, "-")
    .replace(/(-?\d+(?:\.\d+)?)…/g, '__approx("$1")')
    .replace(/…/g, "__rest")
    .replace(/\b((?:Float64|Float32|Int32|Uint32|Int16|Uint16|Int8|Uint8)Array) \[/g, "new $1([")
    .replace(/\b(new (?:Float64|Float32|Int32|Uint32|Int16|Uint16|Int8|Uint8)Array\(\[[^\]]*\])/g, "$1)");
}

/** Applies `rewrite` to the text between string literals, leaving the literals as written. */
function outsideStrings(text: string, rewrite: (code: string) => string): string {
  let out = "";
  let code = "";
  for (let i = 0; i < text.length; i++) {
    const quote = text[i];
    if (quote !== '"' && quote !== "'" && quote !== "`") {
      code += text[i];
      continue;
    }
    let j = i + 1;
    while (j < text.length && text[j] !== quote) j += text[j] === "\\" ? 2 : 1;
    out += rewrite(code) + text.slice(i, j + 1);
    code = "";
    i = j;
  }
  return out + rewrite(code);
}
