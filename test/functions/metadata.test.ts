/**
 * functions.json is generated from the JSDoc of src/functions/functions.ts at build time. These
 * tests generate it the same way and hold it to the exported functions (names, parameter count,
 * optional flags, matrix dimensionality) and to the zh-CN translations.
 */
import * as path from "path";
import * as ts from "typescript";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import {
  type FunctionsJson,
  localizeFunctions,
  type Translations,
} from "../../tools/build/localize-functions";
import * as fns from "../../src/functions/functions";
import translations from "../../src/functions/functions.zh-CN.json";

const SOURCE = path.resolve(__dirname, "../../src/functions/functions.ts");

interface SourceParam {
  name: string;
  optional: boolean;
  matrix: boolean;
}

/** Exported functions of the source and their parameters, read from the TypeScript syntax tree. */
function exportedFunctions(): Map<string, SourceParam[]> {
  const program = ts.createProgram([SOURCE], { allowJs: false });
  const file = program.getSourceFile(SOURCE)!;
  const result = new Map<string, SourceParam[]>();
  file.forEachChild((node) => {
    if (!ts.isFunctionDeclaration(node) || !node.name) return;
    if (!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
    result.set(
      node.name.text,
      node.parameters.map((p) => ({
        name: p.name.getText(file),
        optional: Boolean(p.questionToken),
        matrix: p.type?.getText(file) === "any[][]",
      })),
    );
  });
  return result;
}

let metadata: FunctionsJson;

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(SOURCE, true);
  expect(generated.errors).toEqual([]);
  metadata = JSON.parse(generated.metadataJson);
}, 60_000);

describe("functions.json against the exports", () => {
  it("lists exactly the exported functions, by upper-cased name", () => {
    const exported = [...exportedFunctions().keys()].map((name) => name.toUpperCase()).sort();
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(exported);
    expect(exported).toEqual([
      "COUNT",
      "DAYSLEFT",
      "EXPECTED",
      "FORECAST",
      "FORECASTDATE",
      "MET",
      "PROGRESS",
      "REMAINING",
      "STATUS",
      "SUMMARY",
      "TARGET",
    ]);
  });

  it("matches every function's parameters: names, count, optional flags and dimensionality", () => {
    const exported = exportedFunctions();
    for (const fn of metadata.functions) {
      const name = [...exported.keys()].find((n) => n.toUpperCase() === fn.id)!;
      const params = exported.get(name)!;
      const runtime = (fns as Record<string, (...args: unknown[]) => unknown>)[name];
      expect({ id: fn.id, count: fn.parameters.length }).toEqual({ id: fn.id, count: runtime.length });
      expect(fn.parameters.map((p) => p.name)).toEqual(params.map((p) => p.name));
      expect(fn.parameters.map((p) => Boolean(p.optional))).toEqual(params.map((p) => p.optional));
      expect(fn.parameters.map((p) => p.dimensionality === "matrix")).toEqual(params.map((p) => p.matrix));
      expect(typeof fn.description).toBe("string");
    }
  });

  it("returns a spilled matrix from SUMMARY only", () => {
    const matrices = metadata.functions.filter(
      (f) => (f.result as { dimensionality?: string })?.dimensionality === "matrix",
    );
    expect(matrices.map((f) => f.id)).toEqual(["SUMMARY"]);
  });

  it("marks the functions that default to today and are cheap as volatile", () => {
    const volatile = metadata.functions
      .filter((f) => (f.options as { volatile?: boolean })?.volatile)
      .map((f) => f.id);
    expect(volatile.sort()).toEqual(["DAYSLEFT", "EXPECTED", "STATUS"]);
  });
});

describe("the zh-CN functions file", () => {
  it("translates every function and parameter, with valid distinct names", () => {
    const { json, errors } = localizeFunctions(metadata, translations as Translations);
    expect(errors).toEqual([]);
    expect(json.functions.map((f) => f.id)).toEqual(metadata.functions.map((f) => f.id));
    for (const fn of json.functions) expect(fn.name).toMatch(/[\u4e00-\u9fff]{3,}/);
  });

  it("reports a function without a translation", () => {
    const partial = { ...(translations as Translations) };
    delete partial.SUMMARY;
    expect(localizeFunctions(metadata, partial).errors).toContain(
      "No zh-CN translation for function SUMMARY",
    );
  });

  it("reports a missing parameter description and an invalid name", () => {
    const broken = JSON.parse(JSON.stringify(translations)) as Translations;
    delete broken.COUNT.parameters.dates;
    broken.MET.name = "达成";
    const { errors } = localizeFunctions(metadata, broken);
    expect(errors).toContain("No zh-CN description for parameter dates of COUNT");
    expect(errors.some((e) => e.startsWith("zh-CN name of MET is not a valid function name"))).toBe(true);
  });
});
