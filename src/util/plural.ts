/** "1 row", "2 rows": a count with its noun in the right number (the plural given when it is not NOUN + s). */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
