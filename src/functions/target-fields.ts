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
