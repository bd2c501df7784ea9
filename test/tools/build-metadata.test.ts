/**
 * The build fails when function metadata cannot be generated or translated: the same plugins as
 * webpack.config.js uses, compiled over small fixture sources.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import webpack from "webpack";
import CustomFunctionsMetadataPlugin from "custom-functions-metadata-plugin";
import { AllowErrorArgumentsPlugin } from "../../tools/build/allow-error-arguments";
import type { FunctionsJson } from "../../tools/build/localize-functions";
import { LocalizedFunctionsPlugin } from "../../tools/build/webpack-plugins";

const FIXTURES = resolve(__dirname, "../fixtures/functions");

function build(
  source: string,
  translations: object,
  parameterNames: Record<string, string> = PARAMETER_NAMES,
): Promise<{ errors: string[]; outDir: string }> {
  const outDir = mkdtempSync(join(tmpdir(), "shonline-build-"));
  const translationsFile = join(outDir, "zh-CN.json");
  writeFileSync(translationsFile, JSON.stringify(translations));
  const compiler = webpack({
    mode: "development",
    devtool: false,
    entry: { functions: source },
    output: { path: outDir, filename: "[name].js" },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: source }),
      new LocalizedFunctionsPlugin(translationsFile, parameterNames),
      new AllowErrorArgumentsPlugin(),
    ],
  });
  return new Promise((done, fail) =>
    compiler.run((error, stats) => {
      if (error || !stats) return fail(error ?? new Error("no stats"));
      compiler.close(() =>
        done({ errors: stats.toJson({ all: false, errors: true }).errors!.map((e) => e.message), outDir }),
      );
    }),
  );
}

/** The fixture functions' parameters, a and b, in Chinese. */
const PARAMETER_NAMES = { a: "甲数", b: "乙数" };

const COMPLETE = {
  ADD: { description: "两数相加。", parameters: { a: "第一个数。", b: "第二个数。" } },
  TIMES: { description: "两数相乘。", parameters: { a: "第一个数。", b: "第二个数。" } },
  SCALE: { description: "缩放。", parameters: { a: "数。", b: "倍数。" } },
};

describe("the build and the custom functions metadata", () => {
  it("fails when metadata generation reports an error", async () => {
    // The generator also prints the errors to the console: caught here, so a green run stays quiet.
    const printed = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const { errors } = await build(join(FIXTURES, "broken.ts"), {});
      expect(errors.join("\n")).toMatch(/doesn't match for parameter : count/);
      expect(printed.mock.calls.flat().join("\n")).toContain("broken.ts");
    } finally {
      printed.mockRestore();
    }
  }, 60_000);

  it("fails when a function has no Chinese translation", async () => {
    const { errors } = await build(join(FIXTURES, "functions.ts"), { ADD: COMPLETE.ADD });
    expect(errors.join("\n")).toContain("No zh-CN translation for function TIMES");
  }, 60_000);

  it("fails when a parameter has no Chinese name", async () => {
    const compiler = await build(join(FIXTURES, "functions.ts"), COMPLETE, { a: "甲数" });
    expect(compiler.errors.join("\n")).toContain("No zh-CN name for parameter b of ADD");
  }, 60_000);

  it("emits functions.zh-CN.json with the English ids and names, and Chinese help and parameter names", async () => {
    const { errors, outDir } = await build(join(FIXTURES, "functions.ts"), COMPLETE);
    expect(errors).toEqual([]);
    const en = JSON.parse(readFileSync(join(outDir, "functions.json"), "utf8")) as FunctionsJson;
    const zh = JSON.parse(readFileSync(join(outDir, "functions.zh-CN.json"), "utf8")) as FunctionsJson;
    expect(zh.functions.map((f) => [f.id, f.name])).toEqual(en.functions.map((f) => [f.id, f.name]));
    expect(zh.functions[0]).toMatchObject({
      name: "ADD",
      description: "两数相加。",
      parameters: [
        { name: "甲数", description: "第一个数。", type: "number" },
        { name: "乙数", description: "第二个数。", type: "number" },
      ],
    });
  }, 60_000);

  it("writes allowErrorForDataTypeAny: true at the top of both files", async () => {
    const { errors, outDir } = await build(join(FIXTURES, "functions.ts"), COMPLETE);
    expect(errors).toEqual([]);
    for (const file of ["functions.json", "functions.zh-CN.json"]) {
      const json = JSON.parse(readFileSync(join(outDir, file), "utf8"));
      expect({ file, allow: json.allowErrorForDataTypeAny }).toEqual({ file, allow: true });
      expect(json.functions.map((f: { id: string }) => f.id)).toEqual(["ADD", "TIMES", "SCALE"]);
    }
  }, 60_000);
});
