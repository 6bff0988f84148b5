/** Escapes text for XML content and attribute values. */
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
