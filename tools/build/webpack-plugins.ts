/**
 * The build's own webpack plugins: the Chinese functions metadata, and the bundle report printed
 * after every production build.
 */
import { readFileSync } from "fs";
import { resolve } from "path";
import webpack from "webpack";
import { bundleReport, formatBundleReport } from "./bundle-report";
import { type FunctionsJson, localizeFunctions, type Translations } from "./localize-functions";

const TRANSLATIONS = resolve(__dirname, "../../src/functions/functions.zh-CN.json");

/** Emits functions.zh-CN.json from the generated functions.json; a missing translation fails the build. */
export class LocalizedFunctionsPlugin {
  constructor(private readonly translations: string = TRANSLATIONS) {}

  apply(compiler: webpack.Compiler): void {
    compiler.hooks.thisCompilation.tap("LocalizedFunctionsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "LocalizedFunctionsPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const generated = compilation.getAsset("functions.json");
          if (!generated) return; // metadata generation failed and reported its own errors
          const translations = JSON.parse(readFileSync(this.translations, "utf8")) as Translations;
          const metadata = JSON.parse(generated.source.source().toString()) as FunctionsJson;
          const { json, errors } = localizeFunctions(metadata, translations);
          errors.forEach((message) => compilation.errors.push(new webpack.WebpackError(message)));
          compilation.emitAsset(
            "functions.zh-CN.json",
            new webpack.sources.RawSource(JSON.stringify(json, null, 2)),
          );
        },
      );
    });
  }
}

/** Prints what taskpane.html loads against the gzip budget after every production build. */
export class BundleReportPlugin {
  apply(compiler: webpack.Compiler): void {
    compiler.hooks.done.tap("BundleReportPlugin", (stats) => {
      const outputPath = compiler.options.output.path;
      if (stats.hasErrors() || compiler.options.mode !== "production" || !outputPath) return;
      console.log(formatBundleReport(bundleReport(outputPath)));
    });
  }
}
