// Imported first by src/cli.ts, before any module (yargs) touches process.stdout.
import { ensureStdio } from './stdio-fallback.js';

ensureStdio();
