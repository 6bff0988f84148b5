import { TestNet } from './netns.mjs';

export declare function wanUnavailable(): string | undefined;
export declare class WanNet extends TestNet {
  constructor(options?: { delayMs?: number; jitterMs?: number; lossPct?: number; icmpLimits?: 'lifted' | 'default' });
  readonly tun: { client: string; server: string };
  open(): Promise<this>;
  setLoss(pct: number): void;
}
