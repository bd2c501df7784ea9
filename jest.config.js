/** Unit and component tests. The browser suite (test/e2e) runs under Playwright, not here. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  transform: {
    "^.+\\.(t|j)sx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.jest.json" }],
  },
  // office-addin-mock pulls ESM-only strip-bom and uuid; let ts-jest transpile them.
  transformIgnorePatterns: ["/node_modules/(?!(.*/node_modules/)?(strip-bom|uuid)/)"],
  setupFiles: ["<rootDir>/test/support/custom-functions-runtime.ts"],
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
};
