/** A socket bound on this machine, as the OS lists it. */
export interface ListeningSocket {
  protocol: 'tcp' | 'udp';
  address: string;
  port: number;
  pid?: number;
  process?: string;
}

/**
 * The OS's list of bound sockets, or why it could not be had. `ok: false` whenever the list cannot be
 * trusted (the source is missing, failed, or printed a format we do not know): never an empty list instead.
 */
export type SocketTable = { ok: true; sockets: ListeningSocket[]; source: string } | { ok: false; why: string };

/** What differs between Linux and Windows, behind one interface. */
export interface Platform {
  name: 'linux' | 'windows' | 'other';
  /** Sockets listening (TCP) or bound (UDP) right now, with their owner where the OS says. */
  listeningSockets(): Promise<SocketTable>;
  /** The process's open-file limit, when the OS has one. */
  openFileLimit(): number | undefined;
  /** Why binding a port failed with EACCES, and what to do. */
  privilegeHint(port: number, protocol: 'tcp' | 'udp'): string;
  /** Why audit's bind test was refused (EACCES), so it cannot tell a free port from a taken one. */
  bindDenied(port: number, protocol: 'tcp' | 'udp'): string;
  /** Whether the console can draw box characters, ✔ and ✘ (else the matrix is drawn in ASCII). */
  drawsUnicode(env: NodeJS.ProcessEnv): boolean;
  /** File permission bits mean what POSIX says (group/other access to a secret file can be warned about). */
  posixFileModes: boolean;
  /** Signals that mean "stop" on this OS. */
  stopSignals: NodeJS.Signals[];
}
