/**
 * The error of a configuration file that cannot be used, with the file, the field and the problem named, and the words
 * of its two ways to fail (not JSON; a field against the schema). Zod-free on purpose: the browser checks its
 * configuration in a worker (src/browser/live/load-config.ts) and turns the worker's finding into this error on the
 * main thread, where a value import from area-schema.ts would bring the schemas and zod with it. area-schema.ts
 * (parseConfigFile, for Node) builds its errors with the same functions, so a bad file reads the same everywhere.
 */

export class AreaConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`Invalid area configuration ${file}: field "${field}": ${problem}`);
    this.name = 'AreaConfigError';
  }
}

/** A file the JSON parser refused; `parserMessage` is the parser's own (it says where). */
export function notJsonConfigError(file: string, parserMessage: string): AreaConfigError {
  return new AreaConfigError(file, '(file)', `not valid JSON: ${parserMessage}`);
}

/** A file whose first issue against its schema is at `path` (dotted; empty at the root). */
export function configIssueError(file: string, path: string, message: string): AreaConfigError {
  return new AreaConfigError(file, path || '(root)', message);
}
