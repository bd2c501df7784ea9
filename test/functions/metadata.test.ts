/**
 * functions.json is generated from the JSDoc of src/functions/functions.ts at build time. These
 * tests generate it the same way and hold it to the exported functions (names, parameter count,
 * optional flags, matrix dimensionality) and to the zh-CN translations.
 */
import { STATUS_RULE_IDS } from "../../src/core/status-rules";
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
import { PARAMETER_NAMES, parameterName } from "../../src/functions/parameter-names";
import { LIKELIHOOD_FIELDS, TARGET_FIELDS } from "../../src/functions/target-fields";
import { GOAL_IDS } from "../../src/core/plan";
import { type BuiltMetadata, builtMetadata } from "../support/custom-function-calls";

const SOURCE = path.resolve(__dirname, "../../src/functions/functions.ts");

const ZH_NAMES = Object.fromEntries(Object.entries(PARAMETER_NAMES).map(([en, names]) => [en, names.zh]));

/**
 * What a Chinese help text may keep in Latin letters: what the user types or Excel shows as it is in
 * Chinese Excel too (the namespace, function and goal ids, TARGET's field names, the language codes,
 * error values). ISO date examples have no letters.
 */
const LATIN_ALLOWED = new Set<string>([
  "SHONLINE",
  // Chinese Excel keeps TRUE and FALSE in English, as it keeps function names.
  "TRUE",
  "FALSE",
  ...Object.keys(fns).map((name) => name.toUpperCase()),
  ...GOAL_IDS,
  ...TARGET_FIELDS,
  ...LIKELIHOOD_FIELDS,
  // The status rules are given by their ids, in every language.
  ...STATUS_RULE_IDS,
  "en",
  "zh-CN",
]);

function latinWords(text: string): string[] {
  const withoutErrorValues = text.replace(/#(N\/A|VALUE!|NUM!)/g, "");
  return (withoutErrorValues.match(/[A-Za-z][A-Za-z0-9_]*(-[A-Za-z]+)?/g) ?? []).flatMap((word) =>
    word.split(".").filter((part) => part !== "" && !LATIN_ALLOWED.has(part)),
  );
}

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
      "LIKELIHOOD",
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
  let built: BuiltMetadata;

  beforeAll(async () => {
    built = await builtMetadata();
  }, 60_000);

  it("keeps every function's name equal to its id, in English and in Chinese", () => {
    for (const file of [built.en, built.zh]) {
      expect(file.functions.map((fn) => fn.name)).toEqual(file.functions.map((fn) => fn.id));
    }
    expect(built.zh.functions.map((fn) => fn.id)).toEqual(built.en.functions.map((fn) => fn.id));
  });

  it("has the English file's parameters, in order, under the names the messages use", () => {
    built.en.functions.forEach((en, i) => {
      const zh = built.zh.functions[i];
      expect({ id: zh.id, count: zh.parameters.length }).toEqual({ id: en.id, count: en.parameters.length });
      zh.parameters.forEach((param, j) => {
        const { name, description, ...options } = en.parameters[j];
        expect(param).toEqual({
          ...options,
          name: parameterName(name, "zh"),
          description: expect.any(String),
        });
        expect(description).not.toBe(param.description);
      });
    });
  });

  it("says every description and parameter in Chinese", () => {
    const texts = built.zh.functions.flatMap((fn) => [
      { where: fn.id, text: fn.description ?? "" },
      ...fn.parameters.flatMap((param) => [
        { where: `${fn.id} ${param.name}`, text: param.description ?? "" },
        { where: `${fn.id} parameter name`, text: param.name },
      ]),
    ]);
    for (const { where, text } of texts) {
      expect({ where, chinese: /[\u4e00-\u9fff]/.test(text) }).toEqual({ where, chinese: true });
      expect({ where, latin: latinWords(text) }).toEqual({ where, latin: [] });
    }
    for (const fn of built.zh.functions)
      for (const param of fn.parameters) expect(param.name).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  it("catches English left in a Chinese text", () => {
    expect(latinWords("按匀速推进到 as_of 时，Office 为英文时")).toEqual(["as_of", "Office"]);
    expect(latinWords("目标编号（BRANDS）、字段 label_zh、zh-CN、#N/A、SHONLINE.COUNT、2021-06-30")).toEqual(
      [],
    );
  });

  it("reports a function without a translation", () => {
    const partial = { ...(translations as Translations) };
    delete partial.SUMMARY;
    expect(localizeFunctions(metadata, partial).errors).toContain(
      "No zh-CN translation for function SUMMARY",
    );
  });

  it("reports a missing parameter description, a missing or invalid parameter name, and one used twice", () => {
    const broken = JSON.parse(JSON.stringify(translations)) as Translations;
    delete broken.COUNT.parameters.dates;
    const names: Record<string, string> = { ...ZH_NAMES, baseline: "基 数" };
    delete names.dates;
    const { errors } = localizeFunctions(metadata, broken, names);
    expect(errors).toContain("No zh-CN description for parameter dates of COUNT");
    expect(errors).toContain("No zh-CN name for parameter dates of COUNT");
    expect(errors).toContain(
      "zh-CN name of parameter baseline of PROGRESS is not a valid parameter name: 基 数",
    );
    const twice = localizeFunctions(metadata, translations as Translations, {
      ...ZH_NAMES,
      start: "截止日期",
    });
    expect(twice.errors).toContain("zh-CN parameter name used twice in EXPECTED: 截止日期");
  });
});
