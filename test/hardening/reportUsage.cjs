// Preloaded (--require) into a CLI run by the hardening tests: on exit, writes
// the process's own peak RSS and CPU time to $HARDENING_USAGE_FILE, so a test
// can bound memory, or compare two sizes, without measuring wall-clock time.
const fs = require('node:fs');
process.on('exit', () => {
  if (process.env.HARDENING_USAGE_FILE) {
    const usage = process.resourceUsage();
    try {
      fs.writeFileSync(process.env.HARDENING_USAGE_FILE, JSON.stringify({ maxRssKB: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime }));
    } catch {
      // e.g. run as another user in a folder it cannot write: the test reads no usage
    }
  }
});
