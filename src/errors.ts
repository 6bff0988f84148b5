/** Base class of every error the CLI reports as friendly text. */
export class PortmatrixError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options.exitCode ?? 2;
  }
}

/** Bad input: a table, an option or a host the user gave. Exit code 2. */
export class InputError extends PortmatrixError {
  constructor(message: string, options: { cause?: unknown; code?: string } = {}) {
    super(options.code ?? 'E_INPUT', message, { cause: options.cause, exitCode: 2 });
  }
}

/** A port table that cannot be loaded: names the file, the row and the field. */
export class TableError extends PortmatrixError {
  readonly file: string;
  readonly row?: string;
  readonly field?: string;
  constructor(file: string, message: string, where: { row?: string; field?: string; cause?: unknown } = {}) {
    const place = [where.row !== undefined ? `row ${where.row}` : '', where.field ? `field "${where.field}"` : '']
      .filter(Boolean)
      .join(', ');
    super('E_TABLE', `${file}${place ? `: ${place}` : ''}: ${message}`, { cause: where.cause, exitCode: 2 });
    this.file = file;
    this.row = where.row;
    this.field = where.field;
  }
}

/** Writing a report failed (disk full, permissions). */
export class OutputError extends PortmatrixError {
  constructor(message: string, cause?: unknown) {
    super('E_OUTPUT', message, { cause, exitCode: 2 });
  }
}
