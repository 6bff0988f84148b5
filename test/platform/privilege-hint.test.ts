import { describe, expect, it } from 'vitest';
import { linuxPlatform } from '../../src/platform/linux.js';
import { windowsPlatform } from '../../src/platform/windows.js';

describe("why listen could not bind a port (EACCES), in each platform's own terms", () => {
  it.each([
    [
      'Linux: ports below 1024 need root',
      linuxPlatform,
      'tcp',
      'port 443 is below 1024: run as root, grant CAP_NET_BIND_SERVICE ' +
        '(setcap cap_net_bind_service=+ep "$(command -v node)"), or use --port-offset',
    ],
    // Any user binds any port on Windows: an elevated prompt does not help (#s4.5).
    [
      'Windows: a reserved range or an exclusive holder, never privileges',
      windowsPlatform,
      'udp',
      'port 443 is refused (access denied): Windows reserves it (`netsh interface ipv4 show excludedportrange ' +
        'protocol=udp` lists the ranges) or another program holds it exclusively (`portmatrix audit --expect free` ' +
        'names it); use --port-offset',
    ],
  ] as const)('%s', (_, platform, protocol, hint) => {
    expect(platform.privilegeHint(443, protocol)).toBe(hint);
    expect(platform.privilegeHint(443, protocol)).not.toMatch(/elevated/);
  });
});
