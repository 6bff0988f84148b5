import type { AdviceNote } from '../table/types.js';

/**
 * Product-neutral advice, for every table. A table's own note with the same id replaces one of these;
 * the table's other notes come on top.
 */
export const GENERIC_ADVICE: readonly AdviceNote[] = [
  {
    id: 'service-down',
    directions: ['inbound'],
    states: ['closed'],
    text:
      'Nothing listens on the server on this port. Before installation, run `portmatrix listen` on the server so ' +
      'the path can be proven; after installation the service is down or uses another port: start it, and run ' +
      '`portmatrix audit --expect listening` on the server to see what listens where.',
  },
  {
    id: 'firewall-inbound',
    directions: ['inbound'],
    states: ['filtered'],
    text:
      'A firewall drops or rejects this traffic on the way to the server, or on the server itself ' +
      '(Windows Firewall, nftables): allow it with the rules in the report.',
  },
  {
    id: 'prove-inbound',
    directions: ['inbound'],
    states: ['open|filtered'],
    text:
      'No answer and no proof: run `portmatrix listen --token-file FILE` on the server and check again with the ' +
      'same --token-file to get a definitive answer.',
  },
  {
    id: 'impostor',
    states: ['open'],
    text:
      'Something answers, but not the responder with your token: another program holds the port ' +
      '(`portmatrix audit` on that host names it), or a middlebox (IPS, SYN proxy) completes handshakes on its behalf.',
  },
  {
    id: 'probe-error',
    states: ['error'],
    text:
      'The probe itself failed, so nothing was learned about this port or its path; the reason says why. An agent ' +
      'that could not be reached: start `portmatrix agent` on that host and check its control port and token; ' +
      'a name that did not resolve or a local error: fix that and check again.',
  },
  {
    id: 'peer-down',
    directions: ['outbound'],
    states: ['closed'],
    text:
      "Nothing listens on the peer on this port: the peer's service is down, or (before the peer is ready) run " +
      '`portmatrix listen --direction outbound` on it.',
  },
  {
    id: 'firewall-outbound',
    directions: ['outbound'],
    states: ['filtered'],
    text:
      "A firewall drops or rejects the server's traffic to this peer: allow it with the rules in the report " +
      "(on the path, and in the server's outbound rules).",
  },
  {
    id: 'prove-outbound',
    directions: ['outbound'],
    states: ['open|filtered'],
    text:
      'No answer and no proof: run `portmatrix listen --direction outbound --token-file FILE` on the peer and ' +
      'check again with the same --token-file.',
  },
];
