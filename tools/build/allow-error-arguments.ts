/**
 * Lets Excel call the custom functions when an argument holds an error value.
 *
 * Without the top-level property `allowErrorForDataTypeAny: true` in the functions metadata, Excel
 * never calls a custom function one of whose arguments (or a cell of a range argument) holds an
 * error: the cell shows that error, and the register functions cannot say which row to fix
 * (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors, "Errors as custom
 * function inputs"). With it, parameters of type any and any[][] receive the error
 * (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json, "allowErrorForDataTypeAny",
 * a top-level property with no sub-properties).
 *
 * custom-functions-metadata generates functions.json from JSDoc and never writes this property
 * (the errors article says it works only in hand-written metadata), so the build adds it to every
 * metadata file it emits: functions.json and functions.zh-CN.json.
 */
import webpack from "webpack";
import type { FunctionsJson } from "./localize-functions";

export const ALLOW_ERROR_PROPERTY = "allowErrorForDataTypeAny";

/** The metadata files the build emits; the localized one is derived from the first. */
export const FUNCTIONS_METADATA_FILES = ["functions.json", "functions.zh-CN.json"] as const;

/** The metadata with `allowErrorForDataTypeAny: true` first among its top-level properties. */
export function allowErrorArguments(metadata: FunctionsJson): FunctionsJson {
  const rest: Partial<FunctionsJson> = { ...metadata };
  delete rest[ALLOW_ERROR_PROPERTY];
  return { [ALLOW_ERROR_PROPERTY]: true, ...rest, functions: metadata.functions };
}

/** The text of a metadata file with the property added; throws when the text is not metadata. */
export function allowErrorArgumentsInText(text: string): string {
  const metadata = JSON.parse(text) as FunctionsJson | null;
  if (metadata === null || typeof metadata !== "object" || !Array.isArray(metadata.functions))
    throw new Error('not custom functions metadata (no "functions" array)');
  return JSON.stringify(allowErrorArguments(metadata), null, 2);
}

/**
 * Adds the property to each metadata file once every plugin has emitted it (the zh-CN file is
 * emitted at the ADDITIONAL stage, this runs at the later ADDITIONS stage). When functions.json is
 * missing, its generation failed and reported its own error; a missing localized file beside it is
 * an error here, since Excel in that language would then block error arguments.
 */
export class AllowErrorArgumentsPlugin {
  constructor(private readonly files: readonly string[] = FUNCTIONS_METADATA_FILES) {}

  apply(compiler: webpack.Compiler): void {
    compiler.hooks.thisCompilation.tap("AllowErrorArgumentsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "AllowErrorArgumentsPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const [primary] = this.files;
          if (!primary || !compilation.getAsset(primary)) return;
          for (const file of this.files) {
            const asset = compilation.getAsset(file);
            if (!asset) {
              compilation.errors.push(
                new webpack.WebpackError(
                  `${file} was not emitted, so ${ALLOW_ERROR_PROPERTY} cannot be added to it`,
                ),
              );
              continue;
            }
            try {
              const text = allowErrorArgumentsInText(asset.source.source().toString());
              compilation.updateAsset(file, new webpack.sources.RawSource(text));
            } catch (error) {
              const reason = error instanceof Error ? error.message : String(error);
              compilation.errors.push(new webpack.WebpackError(`${file}: ${reason}`));
            }
          }
        },
      );
    });
  }
}
