import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PortmatrixError } from '../errors.js';
import { createExporter, type Exporter, type ExporterOptions } from './exporter.js';
import { urlOf, type ListenAddress } from './listen-address.js';

/** A listening exporter: where it is, and how to stop it. */
export interface RunningExporter {
  url: string;
  exporter: Exporter;
  /** Stops accepting, lets the requests in flight finish, closes idle keep-alive connections. */
  close(): Promise<void>;
}

// Binds the server; a busy or foreign address is an error that names it.
function listen(server: http.Server, at: ListenAddress): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'the port is in use' : (err.code ?? err.message);
      const where = urlOf(at.host, at.port).replace('http://', '');
      reject(new PortmatrixError('E_LISTEN', `--listen ${where}: cannot listen: ${why}`, { exitCode: 1 }));
    };
    server.once('error', onError);
    server.listen(at.port, at.host, () => {
      server.removeListener('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Starts the exporter's HTTP server on `at`. */
export async function startExporter(at: ListenAddress, opts: ExporterOptions): Promise<RunningExporter> {
  const exporter = createExporter(opts);
  const server = http.createServer((req, res) => {
    exporter.handle(req, res).catch(() => res.destroy());
  });
  // A slow or silent client cannot hold a connection open for ever.
  server.headersTimeout = 10000;
  server.requestTimeout = 120000;
  const bound = await listen(server, at);
  return {
    url: urlOf(bound.address, bound.port),
    exporter,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
