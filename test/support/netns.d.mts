import type { ChildProcess } from 'node:child_process';

export declare const CLI: string;
export declare const ADDR: { readonly client4: string; readonly server4: string; readonly client6: string; readonly server6: string };
export declare function netnsUnavailable(): string | undefined;
export declare class TestNet {
  readonly client: string;
  readonly server: string;
  static sweepStale(): void;
  up(): this;
  nft(ns: string, ruleset: string): void;
  cli(ns: string, args: string[], timeoutMs?: number): Promise<{ code: number; stdout: string; stderr: string }>;
  start(ns: string, argv: string[], ready: RegExp, timeoutMs?: number): Promise<ChildProcess>;
  sockets(ns: string, tcp: number[], udp: number[]): Promise<ChildProcess>;
  down(): void;
}
