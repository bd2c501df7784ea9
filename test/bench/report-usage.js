/**
 * Preloaded into a benchmark's child process (node --require): on exit, prints the process's peak
 * resident memory as the last line of stderr, so the parent can read what the child used.
 */
const { writeSync } = require("fs");

process.on("exit", () => {
  writeSync(2, `\nbench-usage ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
});
