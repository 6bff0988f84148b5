import { formatPorts } from '../table/port-spec.js';
import { Footnotes } from './footnotes.js';
import { markdownText } from './escape.js';
import type { PortTable } from '../table/types.js';
import { counted } from '../util/plural.js';

// The table's own notes as a quote, then its application aliases.
function framing(table: PortTable): string[] {
  const notes = (table.notes ?? []).map((n) => `> ${markdownText(n)}`).join('\n>\n');
  const aliases = (table.aliases ?? []).map((g) => g.join(' = ')).join('; ');
  return [...(notes ? [notes, ''] : []), ...(aliases ? [`Application aliases (\`--app\`): ${aliases}.`, ''] : [])];
}

/** docs/ports.md from ports.json: the table in English with its footnotes. */
export function portsDoc(table: PortTable): string {
  const footnotes = new Footnotes();
  const lines = table.rows.map((r) => {
    const marks = footnotes.marks(r.notes).join(' ');
    const cells = [
      markdownText(r.service),
      markdownText(r.application),
      `${markdownText(formatPorts(r.ports, r.anyOf))}${r.anyOf ? ' (any one)' : ''}`,
      r.protocol.toUpperCase(),
      r.inbound ? 'X' : '—',
      r.from ?? '',
      r.outbound ? 'X' : '—',
      r.peer ?? '',
      `\`${r.id}\``,
      marks,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [
    '<!-- Generated from ports.json by `npm run docs`; do not edit by hand (a test fails when it is out of date). -->',
    `# ${table.product}: required services and ports`,
    '',
    `Source: ${table.source ?? 'ports.json'}. ${counted(table.rows.length, 'row')}. ` +
      'Inbound: traffic arrives at the server (it listens); From: the role it comes from. ' +
      "Outbound: the server opens traffic to a peer (the peer listens); Peer: that peer's role.",
    '',
    ...framing(table),
    '| Service | Application | Ports | Protocol | Inbound | From | Outbound | Peer | id | Notes |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...lines,
    '',
    '## Notes',
    '',
    ...footnotes.notes.map((n, i) => `${i + 1}. ${markdownText(n)}`),
    '',
  ].join('\n');
}
