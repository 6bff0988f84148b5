#!/usr/bin/env node
// First: standard streams that work under Wine too (see platform/stdio-fallback.ts).
import './platform/ensure-stdio.js';
import { hideBin } from 'yargs/helpers';
import { main, reportError } from './cli/main.js';

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = reportError(err);
  },
);
