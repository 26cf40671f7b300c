/** One line of `stackctl doctor`: what was checked, how it went and what to do about it. */
export type CheckVerdict = "pass" | "warn" | "fail";

export interface Check {
  name: string;
  verdict: CheckVerdict;
  detail: string;
  /** What to do about it; empty when it passes. */
  fix: string;
}
