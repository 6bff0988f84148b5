/** Descriptors kept back for stdio, the runtime and the report. */
const RESERVED_FDS = 64;

/** Lowers the concurrency to fit the open-file limit; returns it with a note when lowered. */
export function fitConcurrency(
  requested: number,
  openFileLimit: number | undefined,
): { concurrency: number; note?: string } {
  if (openFileLimit === undefined || requested + RESERVED_FDS <= openFileLimit) return { concurrency: requested };
  const concurrency = Math.max(1, openFileLimit - RESERVED_FDS);
  return {
    concurrency,
    note: `--concurrency ${requested} lowered to ${concurrency} to fit the open-file limit (${openFileLimit})`,
  };
}
