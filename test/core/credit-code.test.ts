/** GB 32100-2015 check characters, on the standard's example and codes worked by hand. */
import {
  CREDIT_CODE_CHARACTERS,
  creditCodeCheckCharacter,
  creditCodeProblem,
  normalizeCreditCode,
} from "../../src/core/credit-code";

describe("the unified social credit code's check character", () => {
  it("has 31 characters, none of I, O, Z, S, V", () => {
    expect(CREDIT_CODE_CHARACTERS).toHaveLength(31);
    expect(CREDIT_CODE_CHARACTERS).not.toMatch(/[IOZSV]/);
  });

  it("is worked by hand for the standard's example, 91350100M000100Y43", () => {
    // Values 9 1 3 5 0 1 0 0 21(M) 0 0 0 1 0 0 30(Y) 4, weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
    // 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
    expect(creditCodeCheckCharacter("91350100M000100Y4")).toBe("3");
    expect(creditCodeProblem("91350100M000100Y43")).toBeUndefined();
  });

  it.each([
    // A check value of 31 − 0 = 31 is written 0: seventeen zeros weigh nothing.
    ["00000000000000000", "0"],
    // 1 × weight 1: 31 − 1 = 30, the last character, Y.
    ["10000000000000000", "Y"],
    // 1 × weight 28 (the 17th): 31 − 28 = 3.
    ["00000000000000001", "3"],
  ])("of %s is %s", (first17, check) => {
    expect(creditCodeCheckCharacter(first17)).toBe(check);
    expect(creditCodeProblem(first17 + check)).toBeUndefined();
  });

  it.each([
    ["91350100M000100Y44", "checkCharacter"],
    ["91350100M000100Y4", "length"],
    ["91350100M000100Y433", "length"],
    ["", "length"],
    ["91350100I000100Y43", "character"],
    ["91350100M000100S43", "character"],
    ["9135010-M000100Y43", "character"],
  ] as const)("refuses %j (%s)", (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it("takes spaces out and reads small letters as capitals, as people type codes", () => {
    expect(normalizeCreditCode(" 9135 0100m000100y43 ")).toBe("91350100M000100Y43");
    expect(creditCodeProblem("91350100m000100y43")).toBeUndefined();
    expect(creditCodeCheckCharacter("91350100M000100Y")).toBeUndefined();
    expect(creditCodeCheckCharacter("91350100O000100Y4")).toBeUndefined();
  });
});
