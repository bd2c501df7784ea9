/**
 * The LibreOffice interoperability suite only (npm run test:interop): workbooks written by the
 * command line, recalculated by LibreOffice headless, compared with the core engine.
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/interop"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.jest.json" }],
  },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  testTimeout: 300000,
  maxWorkers: 1,
};
