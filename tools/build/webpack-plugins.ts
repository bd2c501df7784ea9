/**
 * The build's own webpack plugins: the Chinese functions metadata, the bundle report printed
 * after every production build, and the line that ends a production build saying where the
 * manifest for its base URL is.
 */
import { readFileSync } from "fs";
import { isAbsolute, join, relative, resolve } from "path";
import webpack from "webpack";
import { bundleReport, formatBundleReport } from "./bundle-report";
import {
  type FunctionsJson,
  localizeFunctions,
  type ParameterNames,
  type Translations,
} from "./localize-functions";
import { normalizeBaseUrl } from "./manifest-urls";

const TRANSLATIONS = resolve(__dirname, "../../src/functions/functions.zh-CN.json");

/** Emits functions.zh-CN.json from the generated functions.json; a missing translation fails the build. */
export class LocalizedFunctionsPlugin {
  constructor(
    private readonly translations: string = TRANSLATIONS,
    /** The Chinese parameter names; the add-in's own (src/functions/parameter-names.ts) when left out. */
    private readonly parameterNames?: ParameterNames,
  ) {}

  apply(compiler: webpack.Compiler): void {
    compiler.hooks.thisCompilation.tap("LocalizedFunctionsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "LocalizedFunctionsPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const generated = compilation.getAsset("functions.json");
          if (!generated) return; // metadata generation failed and reported its own errors
          const translations = JSON.parse(readFileSync(this.translations, "utf8")) as Translations;
          const metadata = JSON.parse(generated.source.source().toString()) as FunctionsJson;
          const { json, errors } = localizeFunctions(metadata, translations, this.parameterNames);
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

/** The manifest as the build emits it (copied from manifest.xml, its URLs rewritten). */
export const MANIFEST_FILE = "manifest.xml";

/** The line a production build ends with, e.g. "Manifest for https://addin.example.org/: dist/manifest.xml". */
export function manifestLocationLine(baseUrl: string, manifestPath: string): string {
  return `Manifest for ${baseUrl}: ${manifestPath}`;
}

/** `path` relative to the folder the build runs in, or absolute when it lies outside that folder. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/**
 * Says, as the build's last line, which manifest goes with which host: the base URL the build
 * rewrote the manifest to, and where that manifest is. Hooked at afterDone, which webpack calls
 * after the run's callback, so the line comes after the statistics webpack-cli prints there (the
 * bundle report, at done, comes before them). Nothing is said when the build failed or emitted
 * no manifest.
 */
export class ManifestLocationPlugin {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly log: (line: string) => void = (line) => console.log(line),
    private readonly file: string = MANIFEST_FILE,
  ) {
    this.baseUrl = normalizeBaseUrl(baseUrl);
  }

  apply(compiler: webpack.Compiler): void {
    compiler.hooks.afterDone.tap("ManifestLocationPlugin", (stats: webpack.Stats | undefined) => {
      const outputPath = compiler.options.output.path;
      if (!stats || stats.hasErrors() || !outputPath || !stats.compilation.getAsset(this.file)) return;
      this.log(manifestLocationLine(this.baseUrl, displayPath(join(outputPath, this.file))));
    });
  }
}
