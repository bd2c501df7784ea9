import { readFileSync } from "fs";
import { join } from "path";
import { DEV_BASE_URL } from "../../tools/build/dev-server";
import { normalizeBaseUrl, rewriteManifestUrls } from "../../tools/build/manifest-urls";

const MANIFEST = readFileSync(join(__dirname, "..", "..", "manifest.xml"), "utf8");

describe("the production manifest", () => {
  it("has every development URL replaced, not only the first", () => {
    const occurrences = MANIFEST.split(DEV_BASE_URL).length - 1;
    expect(occurrences).toBeGreaterThan(5);
    const rewritten = rewriteManifestUrls(MANIFEST, "https://addin.example.org/tracker");
    expect(rewritten).not.toContain("localhost");
    expect(rewritten.split("https://addin.example.org/tracker/").length - 1).toBe(occurrences);
  });

  it.each([
    ["https://addin.example.org", "https://addin.example.org/"],
    ["  https://addin.example.org/app/ ", "https://addin.example.org/app/"],
  ])("normalizes %j to %j", (raw, normalized) => {
    expect(normalizeBaseUrl(raw)).toBe(normalized);
  });

  it.each([
    ["http://addin.example.org/", /must use https/],
    ["addin.example.org", /not a URL/],
    ["https://addin.example.org/?x=1", /query or fragment/],
  ])("refuses %j", (raw, message) => {
    expect(() => normalizeBaseUrl(raw)).toThrow(message);
  });
});
