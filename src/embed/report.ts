// How the script tag's files tell the site owner something went wrong: one console line, never an exception.

export function reportError(error: unknown): void {
  console.error(error instanceof Error ? error.message : typeof error === 'string' ? error : `cxkit: ${String(error)}`);
}
