/** Unit and component tests. The browser suite (test/e2e) runs under Playwright, not here. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // The browser suite and the LibreOffice proof have their own configs and commands.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/", "<rootDir>/test/interop/"],
  transform: {
    "^.+\\.(t|j)sx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.jest.json" }],
  },
  setupFiles: ["<rootDir>/test/support/custom-functions-runtime.ts"],
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
};
