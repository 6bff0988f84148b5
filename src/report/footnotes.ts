/** Numbers a table's notes in order of first use, so rows can carry "[1]"-style marks. */
export class Footnotes {
  private readonly numbers = new Map<string, number>();

  /** The marks for a row's notes ("[1]", "[2]"), numbering new notes as they appear. */
  marks(notes: readonly string[] | undefined): string[] {
    return (notes ?? []).map((n) => {
      if (!this.numbers.has(n)) this.numbers.set(n, this.numbers.size + 1);
      return `[${this.numbers.get(n)}]`;
    });
  }

  /** Every note, in number order. */
  get notes(): string[] {
    return [...this.numbers.keys()];
  }
}
