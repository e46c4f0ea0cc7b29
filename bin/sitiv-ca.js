#!/usr/bin/env node
// Entry point: runs the compiled CLI (npm run build makes dist/).
import { main } from '../dist/cli/main.js';

// Output is written and awaited inside main (stdout to a file or pipe is synchronous on POSIX), so exit at once:
// waiting for the event loop to drain only waits for the module loader's last file handles to close (≈ 20 ms here).
process.exit(await main(process.argv.slice(2)));
