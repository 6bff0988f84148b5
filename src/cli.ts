#!/usr/bin/env node
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
