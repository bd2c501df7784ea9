import { reasonOf } from "../../src/cli/cli-text";

describe("why a file could not be read or written", () => {
  it("names a known error code in both languages", () => {
    const error = Object.assign(new Error("ENOENT: no such file, open 'x'"), { code: "ENOENT" });
    expect(reasonOf(error, "read")).toEqual({ en: "no such file or folder", zh: "没有这个文件或文件夹" });
  });

  it("gives an unknown error a general reason in each language, its own text in brackets", () => {
    const busy = Object.assign(new Error("EBUSY: resource busy or locked, rename 'a'\nat rename"), {
      code: "EBUSY",
    });
    expect(reasonOf(busy, "write")).toEqual({
      en: "an error while writing (EBUSY: resource busy or locked, rename 'a')",
      zh: "写入时出错（EBUSY: resource busy or locked, rename 'a'）",
    });
    expect(reasonOf(new Error("bad bytes"), "read")).toEqual({
      en: "an error while reading (bad bytes)",
      zh: "读取时出错（bad bytes）",
    });
    expect(reasonOf("thrown text", "run")).toEqual({
      en: "an unexpected error (thrown text)",
      zh: "意外出错（thrown text）",
    });
  });
});
