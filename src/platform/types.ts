/** A socket bound on this machine, as the OS lists it. */
export interface ListeningSocket {
  protocol: 'tcp' | 'udp';
  address: string;
  port: number;
  pid?: number;
  process?: string;
}

/** What differs between Linux and Windows, behind one interface. */
export interface Platform {
  name: 'linux' | 'windows' | 'other';
  /** Sockets listening (TCP) or bound (UDP) right now, with their owner where the OS says. */
  listeningSockets(): Promise<ListeningSocket[]>;
  /** The process's open-file limit, when the OS has one. */
  openFileLimit(): number | undefined;
  /** Why binding a port failed with EACCES, and what to do. */
  privilegeHint(port: number): string;
  /** Signals that mean "stop" on this OS. */
  stopSignals: NodeJS.Signals[];
}
