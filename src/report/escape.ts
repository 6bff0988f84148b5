// One escaping per output kind, used by every renderer of that kind (reports, the ports table, docs/ports.md,
// the exporter's index page).

/** XML and HTML text and attribute values: the five entities; characters XML 1.0 cannot carry are dropped. */
export function xmlEscape(value: unknown): string {
  return (
    String(value ?? '')
      // Characters XML 1.0 cannot carry at all are dropped.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** Markdown text in a table cell, list item or quote: backslashes and pipes escaped, line breaks as spaces. */
export function markdownText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A CSV field (RFC 4180): quoted when it holds a comma, quote or line break, inner quotes doubled. */
export function csvField(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
