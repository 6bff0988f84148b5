export declare function tablePorts(file: string): { tcp: number[]; udp: number[] };
export declare function firewallBed(file: string): {
  tcp: number[];
  udp: number[];
  dropTcp: number[];
  rejectTcp: number[];
  dropUdp: number[];
  rejectUdp: number[];
  ruleset: string;
  truth: Map<string, string>;
};
export declare function wrongStates(
  report: { results: Array<{ protocol: string; port: number; state: string }> },
  truth: Map<string, string>,
): string[];
export declare function nmapStates(text: string, proto: string, ports: number[]): Map<number, string>;
