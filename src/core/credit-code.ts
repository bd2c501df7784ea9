/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a set of 31
 * (the digits and the capital letters but I, O, Z, S and V), the last a check character. Each of the
 * first 17 has a value (its place in the set) and a weight, 3^(i−1) mod 31 for the i-th; the check
 * character is the one whose value is 31 − (Σ value × weight mod 31), 0 where that is 31.
 * Pure; for the register's credit-code column and the merge's duplicate search (issue 14), which do not use it yet.
 */

/** The 31 characters, in the order of their values 0 to 30. */
export const CREDIT_CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
export const CREDIT_CODE_LENGTH = 18;

const WEIGHTS = Array.from({ length: CREDIT_CODE_LENGTH - 1 }, (_, i) => 3 ** i % 31);

export type CreditCodeProblem = "length" | "character" | "checkCharacter";

/** The code as compared: full-width characters as their ASCII forms (Chinese input), spaces out, letters in capitals. */
export function normalizeCreditCode(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

/** The check character of a code's first 17 characters; undefined when one is outside the set. */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  if (first17.length !== CREDIT_CODE_LENGTH - 1) return undefined;
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = CREDIT_CODE_CHARACTERS.indexOf(first17[i]);
    if (value < 0) return undefined;
    sum += value * WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_CHARACTERS[check === 31 ? 0 : check];
}

/** What is wrong with a code (normalized first), or undefined when it is a valid one. */
export function creditCodeProblem(text: string): CreditCodeProblem | undefined {
  const code = normalizeCreditCode(text);
  if (code.length !== CREDIT_CODE_LENGTH) return "length";
  if ([...code].some((c) => !CREDIT_CODE_CHARACTERS.includes(c))) return "character";
  return creditCodeCheckCharacter(code.slice(0, -1)) === code[code.length - 1] ? undefined : "checkCharacter";
}
