/**
 * The analyzer version: bumped whenever the rule set or the pattern library changes
 * meaningfully. Analyses written by an older version are reported as stale.
 */
export const ANALYZER_VERSION = '1.38.0';

/** Compares dotted versions numerically: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The release of faultline itself (the packages' version), as faultline_build_info reports it. */
export const FAULTLINE_VERSION = '0.1.0';
