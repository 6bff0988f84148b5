import { isLoopbackAddress } from '../util/address.js';
import { fitConcurrency } from '../probe/fit-concurrency.js';
import { currentPlatform } from '../platform/index.js';
import { filterRows } from '../table/filter-rows.js';
import { InputError } from '../errors.js';
import { startExporter } from '../serve/start-exporter.js';
import type { ExporterOptions } from '../serve/exporter.js';
import type { ListenAddress } from '../serve/listen-address.js';

/** Everything `serve` needs, parsed and validated. */
export interface ServeOptions extends ExporterOptions {
  at: ListenAddress;
  apps: string[];
}

// True for 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost.
function isLoopback(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
}

/** Serves /probe until Ctrl-C or SIGTERM; resolves to the exit code (0 after a clean stop). */
export async function runServe(opts: ServeOptions): Promise<number> {
  const rows = filterRows(opts.table.rows, { apps: opts.apps, aliases: opts.table.aliases });
  if (rows.length === 0) throw new InputError(`--app ${opts.apps.join(', ')}: no row of the table matches`);
  const fitted = fitConcurrency(opts.concurrency, currentPlatform().openFileLimit());
  if (fitted.note) process.stderr.write(`portmatrix serve: ${fitted.note}\n`);
  const running = await startExporter(opts.at, {
    ...opts,
    table: { ...opts.table, rows },
    concurrency: fitted.concurrency,
  });
  if (!isLoopback(opts.at.host)) {
    process.stderr.write(
      `portmatrix serve: listening beyond loopback: whoever reaches ${running.url} ` +
        'can make this host probe the targets\n',
    );
  }
  process.stderr.write(
    `portmatrix serve: listening on ${running.url} (targets: ${opts.guard.describe()}); Ctrl-C stops\n`,
  );
  await new Promise<void>((resolve) => {
    if (opts.stopSignal.aborted) resolve();
    else opts.stopSignal.addEventListener('abort', () => resolve(), { once: true });
  });
  process.stderr.write('portmatrix serve: stopping: no new requests; finishing the probes in flight\n');
  await running.close();
  process.stderr.write('portmatrix serve: stopped\n');
  return 0;
}
