/**
 * The warning that a bin holds fewer rows than the minimum bin size, so its rate is uncertain
 * (one wording for the numeric, categorical and boolean binners).
 *
 * @param attribute the attribute's name
 * @param bin the bin as the sentence names it ("the missing bin", `the "other" bin`, "the true bin")
 * @example
 * import { smallBinWarning } from "./small-bin-warning";
 * smallBinWarning("Newspaper", "the true bin", 1, 462); // => "Newspaper: the true bin has only 1 row (minimum bin size 462); its rate is uncertain"
 */
export function smallBinWarning(attribute: string, bin: string, rows: number, minBinSize: number): string {
  return `${attribute}: ${bin} has only ${rows} row${rows === 1 ? "" : "s"} (minimum bin size ${minBinSize}); its rate is uncertain`;
}
