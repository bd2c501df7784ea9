/**
 * Lint: the Office add-ins rules (load before read, sync after load...), React rules, the rules of
 * hooks and prettier.
 */
const officeAddins = require("eslint-plugin-office-addins");
// Pinned at 5.x: its rules are the rules of hooks and exhaustive deps, without the React Compiler's.
const reactHooks = require("eslint-plugin-react-hooks");

const NODE_GLOBALS = {
  require: "readonly",
  module: "writable",
  process: "readonly",
  __dirname: "readonly",
  console: "readonly",
};

// Pinned to the version eslint-plugin-office-addins is built with.
const tsParser = require("@typescript-eslint/parser");

module.exports = [
  { ignores: ["dist/", ".tmp/", "node_modules/", "test-results/", "coverage/"] },
  ...officeAddins.configs.react,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    plugins: { "react-hooks": reactHooks },
    rules: {
      // A hook called conditionally, or an effect missing a dependency, is a bug: both are errors.
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      // TypeScript resolves names (Office, Excel, CustomFunctions, DOM and Node globals) itself.
      "no-undef": "off",
      // The new JSX transform and TypeScript props make these two React rules redundant.
      "react/react-in-jsx-scope": "off",
      "react/prop-types": "off",
    },
  },
  {
    // The Excel test double implements the API; the rules for code that calls it do not apply.
    files: ["test/support/excel-double.ts", "test/support/excel-model.ts"],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/call-sync-after-load": "off",
      "office-addins/load-object-before-read": "off",
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", ecmaVersion: 2022, globals: NODE_GLOBALS },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
];
