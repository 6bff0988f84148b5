#!/usr/bin/env node
// First: standard streams that work under Wine too (see platform/stdio-fallback.ts).
import './platform/ensure-stdio.js';
import { TOOL } from './version.js';

const args = process.argv.slice(2);
if (args.length === 1 && args[0] === '--version') {
  process.stdout.write(`${TOOL.version}\n`);
} else {
  import('./cli/main.js').then(({ main, reportError }) =>
    main(args).then(
      (code) => {
        process.exitCode = code;
      },
      (err: unknown) => {
        process.exitCode = reportError(err);
      },
    ),
  );
}
