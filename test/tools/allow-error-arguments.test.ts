/**
 * The build step that adds allowErrorForDataTypeAny to the functions metadata, which the metadata
 * generator never writes (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json,
 * "allowErrorForDataTypeAny": a top-level Boolean, false when absent).
 */
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { resolve } from "path";
import {
  ALLOW_ERROR_PROPERTY,
  allowErrorArguments,
  allowErrorArgumentsInText,
  FUNCTIONS_METADATA_FILES,
} from "../../tools/build/allow-error-arguments";
import {
  type FunctionsJson,
  localizeFunctions,
  type Translations,
} from "../../tools/build/localize-functions";
import translations from "../../src/functions/functions.zh-CN.json";

const SOURCE = resolve(__dirname, "../../src/functions/functions.ts");

const METADATA: FunctionsJson = {
  functions: [{ id: "ADD", name: "ADD", parameters: [{ name: "a", type: "any" }] }],
};

describe("allowErrorArguments", () => {
  it("sets allowErrorForDataTypeAny to true at the top level, first, and keeps everything else", () => {
    const json = allowErrorArguments(METADATA);
    expect(json).toEqual({ allowErrorForDataTypeAny: true, functions: METADATA.functions });
    expect(Object.keys(json)[0]).toBe(ALLOW_ERROR_PROPERTY);
    // Not inside a function or its options: the property has no sub-properties and no other place.
    expect(JSON.stringify(json.functions)).not.toContain(ALLOW_ERROR_PROPERTY);
  });

  it("turns a false value true, keeps other top-level properties, and leaves its input alone", () => {
    const input = { allowErrorForDataTypeAny: false, allowCustomDataForDataTypeAny: false, ...METADATA };
    const json = allowErrorArguments(input);
    expect(json).toEqual({ ...input, allowErrorForDataTypeAny: true });
    expect(input.allowErrorForDataTypeAny).toBe(false);
  });

  it("rewrites the text of a metadata file, and refuses text that is not metadata", () => {
    expect(JSON.parse(allowErrorArgumentsInText(JSON.stringify(METADATA)))).toEqual({
      allowErrorForDataTypeAny: true,
      ...METADATA,
    });
    expect(() => allowErrorArgumentsInText('{"fns": []}')).toThrow('no "functions" array');
    expect(() => allowErrorArgumentsInText("null")).toThrow('no "functions" array');
    expect(() => allowErrorArgumentsInText("{")).toThrow(SyntaxError);
  });

  it("is needed: the generated metadata of the add-in's functions lacks the property", async () => {
    const generated = await generateCustomFunctionsMetadata(SOURCE, true);
    expect(generated.errors).toEqual([]);
    const metadata = JSON.parse(generated.metadataJson) as FunctionsJson;
    expect(metadata).not.toHaveProperty(ALLOW_ERROR_PROPERTY);
    // Every parameter is any or any[][], the types the property lets errors reach.
    const types = new Set(metadata.functions.flatMap((fn) => fn.parameters.map((p) => p.type)));
    expect([...types]).toEqual(["any"]);
    const { json: zh } = localizeFunctions(allowErrorArguments(metadata), translations as Translations);
    expect(allowErrorArguments(metadata)).toHaveProperty(ALLOW_ERROR_PROPERTY, true);
    expect(zh).toHaveProperty(ALLOW_ERROR_PROPERTY, true);
  }, 60_000);

  it("covers both metadata files the build emits", () => {
    expect(FUNCTIONS_METADATA_FILES).toEqual(["functions.json", "functions.zh-CN.json"]);
  });
});
