/** States of one probe, as in the contract. */
export type ProbeState = 'open' | 'closed' | 'filtered' | 'open|filtered' | 'error';

/** States of one port a responder (listen) tried to bind. */
export type BindState = 'bound' | 'in-use' | 'needs-privileges' | 'address-not-available' | 'error';

/** States of one port the server's socket table or a bind test (audit) shows; unknown: neither could tell. */
export type SocketState = 'listening' | 'free' | 'unknown';

/** Every state a result may carry: what a probe, a bind or a socket look-up observed. */
export type ResultState = ProbeState | BindState | SocketState;

/** Verdict of a probe or a row. */
export type Verdict = 'pass' | 'fail' | 'unknown';

/** Every verdict, in the order reports count them. */
export const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'unknown'];
