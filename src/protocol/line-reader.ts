import type { Duplex } from 'node:stream';

/**
 * Reads one newline-terminated line of at most `maxBytes` from a stream, as Buffers: only each new
 * chunk is searched, so a long line costs time in proportion to its length, and a line longer than
 * the cap is given up at once (`onTooLong`). Bytes after the newline are ignored.
 */
export function readLine(
  stream: Duplex,
  maxBytes: number,
  onLine: (line: Buffer) => void,
  onTooLong: () => void,
): void {
  const chunks: Buffer[] = [];
  let length = 0;
  const onData = (chunk: Buffer) => {
    const nl = chunk.indexOf(0x0a);
    const take = nl < 0 ? chunk.length : nl + 1;
    if (length + take > maxBytes) {
      stream.removeListener('data', onData);
      onTooLong();
      return;
    }
    chunks.push(nl < 0 ? chunk : chunk.subarray(0, take));
    length += take;
    if (nl < 0) return;
    stream.removeListener('data', onData);
    onLine(Buffer.concat(chunks, length));
  };
  stream.on('data', onData);
}
