// What a link's confidence means. The search's margin (how many nats the best alternative around a
// link costs more) is turned into the probability that the link is right, fitted on the
// development sets (bench/align-quality.bench.ts prints the reliability table); the editor asks the
// translator to check every unconfirmed link below CHECK_BELOW.

/** Links under this confidence are flagged "Check" (chosen from the reliability table). */
export const CHECK_BELOW = 0.9;

/**
 * Logistic calibration of the margin, fitted on the development sets' links (5,159 links: the
 * official texts at paragraph and sentence level, perturbed, and MAC-Dev): P(right) = σ(a·margin + b).
 */
export const MARGIN_SCALE = 0.58;
export const MARGIN_OFFSET = -0.37;

/** The probability that a link is right, from its margin in nats (Infinity: no alternative at all). */
export function confidenceOfMargin(margin: number): number {
  if (margin === Infinity) return 1;
  return 1 / (1 + Math.exp(-(MARGIN_SCALE * margin + MARGIN_OFFSET)));
}
