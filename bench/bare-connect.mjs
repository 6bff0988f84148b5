// The runtime's floor: N net.connect calls to loopback ports, `concurrency` in flight, nothing else.
// Usage: node bench/bare-connect.mjs FROM TO [CONCURRENCY] [HOST]
import net from 'node:net';

const [from, to, concurrency = '256', host = '127.0.0.1'] = process.argv.slice(2);
const ports = [];
for (let p = Number(from); p <= Number(to); p++) ports.push(p);
let next = 0;
const states = { open: 0, closed: 0, other: 0 };
function one() {
  if (next >= ports.length) return Promise.resolve();
  const port = ports[next++];
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => {
      states.open++;
      s.destroy();
      resolve();
    });
    s.once('error', (e) => {
      if (e.code === 'ECONNREFUSED') states.closed++;
      else states.other++;
      resolve();
    });
  }).then(one);
}
await Promise.all(Array.from({ length: Number(concurrency) }, one));
process.stdout.write(`${JSON.stringify(states)}\n`);
