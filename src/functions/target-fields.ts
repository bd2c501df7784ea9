/** The fields of SHONLINE.TARGET and SHONLINE.LIKELIHOOD, as their field argument names them. */

/** The facts SHONLINE.TARGET gives, as its field argument names them ("target" when left out). */
export const TARGET_FIELDS = [
  "target",
  "required",
  "comparator",
  "label",
  "label_zh",
  "start",
  "deadline",
  "unit",
  "source",
] as const;

/** What SHONLINE.LIKELIHOOD gives ("probability" when left out). */
export const LIKELIHOOD_FIELDS = ["probability", "median", "low", "high", "pace_needed", "model"] as const;
