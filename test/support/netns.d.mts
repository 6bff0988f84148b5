import type { ChildProcess } from 'node:child_process';

export declare const CLI: string;
export declare const ADDR: {
  readonly client4: string;
  readonly server4: string;
  readonly client6: string;
  readonly server6: string;
};
export declare function netnsUnavailable(): string | undefined;
export declare function sh(args: string[], input?: string): string;
export declare class TestNet {
  constructor(options?: { icmpLimits?: 'lifted' | 'default' });
  readonly children: Set<ChildProcess>;
  readonly client: string;
  readonly server: string;
  static sweepStale(): void;
  up(): this;
  link(): void;
  nft(ns: string, ruleset: string): void;
  cli(ns: string, args: string[], timeoutMs?: number): Promise<{ code: number; stdout: string; stderr: string }>;
  start(ns: string, argv: string[], ready: RegExp, timeoutMs?: number): Promise<ChildProcess>;
  sockets(ns: string, tcp: number[], udp: number[]): Promise<ChildProcess>;
  down(): void;
}

export declare class TestLan {
  constructor(names: string[]);
  readonly hosts: Array<{ name: string; ns: string; v4: string; v6: string }>;
  host(name: string): { name: string; ns: string; v4: string; v6: string };
  up(): this;
  nft(name: string, ruleset: string): void;
  cli(name: string, args: string[], timeoutMs?: number): Promise<{ code: number; stdout: string; stderr: string }>;
  start(name: string, argv: string[], ready: RegExp, timeoutMs?: number): Promise<ChildProcess>;
  down(): void;
}
