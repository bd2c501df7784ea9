/**
 * Builds the add-in into dist/: the task pane (which is also the shared runtime page, so it loads
 * the functions and commands bundles too), the commands page, functions.js, functions.json (from
 * JSDoc), functions.zh-CN.json (both with allowErrorForDataTypeAny added), the assets and
 * manifest.xml.
 *
 *   npm run build       production: manifest URLs rewritten to ADDIN_BASE_URL (required); the
 *                       build ends with a line naming that URL and where its manifest is
 *   npm run build:dev   development: manifest keeps the development server's URL
 *   npm run build:test  production code, localhost manifest, office.js served from node_modules
 *                       instead of Microsoft's CDN, so the browser suite runs offline
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

// The build's helpers are TypeScript in tools/; ts-node compiles them as they load, so this config
// works from a clean checkout with nothing built first.
require("ts-node").register({ project: path.join(__dirname, "tools/tsconfig.json"), transpileOnly: true });
const {
  BundleReportPlugin,
  LocalizedFunctionsPlugin,
  ManifestLocationPlugin,
} = require("./tools/build/webpack-plugins");
const { AllowErrorArgumentsPlugin } = require("./tools/build/allow-error-arguments");
const { normalizeBaseUrl, rewriteManifestUrls } = require("./tools/build/manifest-urls");
const { DEV_BASE_URL, DEV_PORT, httpsOptions } = require("./tools/build/dev-server");

const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_DIST = path.resolve(__dirname, "node_modules/@microsoft/office-js/dist");
const FUNCTIONS_SOURCE = "./src/functions/functions.ts";

function fail(message) {
  console.error(message);
  process.exit(1);
}

/** The production base URL from ADDIN_BASE_URL, checked; the build stops with one line when it is unusable. */
function productionBaseUrl() {
  const raw = process.env.ADDIN_BASE_URL;
  if (!raw) {
    fail(
      "ADDIN_BASE_URL is not set. Set it to the https address the add-in is served from, e.g. " +
        `ADDIN_BASE_URL=https://addin.example.org/ npm run build (or run npm run build:dev to keep ${DEV_BASE_URL}).`,
    );
  }
  try {
    return normalizeBaseUrl(raw);
  } catch (error) {
    fail(error.message);
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode === "development";
  const testBuild = Boolean(env.test);
  // Development and test builds keep the development server's URLs in the manifest.
  const baseUrl = dev || testBuild ? undefined : productionBaseUrl();
  const officeJs = testBuild ? "office-js/office.js" : OFFICE_JS_CDN;
  const page = (name, template, chunks) =>
    new HtmlWebpackPlugin({ filename: `${name}.html`, template, chunks, officeJs, scriptLoading: "defer" });

  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "eval-source-map" : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      functions: FUNCTIONS_SOURCE,
      // The browser suite's stand-in for Excel, in the test build only.
      ...(testBuild
        ? {
            "excel-double": "./test/e2e/page/install-double.ts",
            // A minimal Fluent UI page, the reference figure of the render benchmark (npm run bench).
            "bench-minimal": "./test/bench/minimal-page/index.tsx",
          }
        : {}),
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, configFile: "tsconfig.json", compilerOptions: { noEmit: false } },
          },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTIONS_SOURCE }),
      new LocalizedFunctionsPlugin(),
      // Both metadata files get allowErrorForDataTypeAny, which the generator never writes.
      new AllowErrorArgumentsPlugin(),
      new BundleReportPlugin(),
      // A production build's last line: "Manifest for <ADDIN_BASE_URL>: dist/manifest.xml".
      ...(baseUrl ? [new ManifestLocationPlugin(baseUrl)] : []),
      page("taskpane", "./src/taskpane/taskpane.html", ["taskpane", "functions", "commands"]),
      page("commands", "./src/commands/commands.html", ["commands"]),
      page("support", "./src/taskpane/support.html", []),
      ...(testBuild
        ? [
            new HtmlWebpackPlugin({
              filename: "taskpane-double.html",
              template: "./test/e2e/page/taskpane-double.html",
              chunks: ["excel-double", "taskpane"],
              chunksSortMode: "manual",
              scriptLoading: "defer",
            }),
            new HtmlWebpackPlugin({
              filename: "bench-minimal.html",
              template: "./test/bench/minimal-page/minimal.html",
              chunks: ["bench-minimal"],
              scriptLoading: "defer",
            }),
          ]
        : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (baseUrl ? rewriteManifestUrls(content.toString(), baseUrl) : content),
          },
          ...(testBuild
            ? [
                {
                  from: path.join(OFFICE_JS_DIST, "office.js"),
                  to: "office-js/office.js",
                  info: { minimized: true },
                },
                // office.js loads this table of host files as soon as it starts.
                {
                  from: path.join(OFFICE_JS_DIST, "o15apptofilemappingtable.js"),
                  to: "office-js/o15apptofilemappingtable.js",
                  info: { minimized: true },
                },
                { from: path.join(OFFICE_JS_DIST, "en-us"), to: "office-js/en-us" },
                { from: path.join(OFFICE_JS_DIST, "zh-cn"), to: "office-js/zh-cn" },
              ]
            : []),
        ],
      }),
    ],
    devServer: {
      port: DEV_PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: env.WEBPACK_SERVE ? await httpsOptions() : undefined },
      static: false,
    },
  };
};
