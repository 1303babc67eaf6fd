// URL rules: a path glob matched against location.pathname. `*` stays within a path segment, `**` crosses segments.

/** Why `pattern` is not a usable glob, or null when it is. */
export function globProblem(pattern: string): string | null {
  if (!pattern.startsWith('/')) return `expected a path glob starting with "/" (e.g. "/help/*"), got ${JSON.stringify(pattern)}`;
  if (/[?#]/.test(pattern)) return `expected a path without query or hash, got ${JSON.stringify(pattern)}`;
  if (/\*{3,}/.test(pattern)) return `expected "*" or "**", got ${JSON.stringify(pattern)}`;
  if (/\s/.test(pattern)) return `expected a path without spaces, got ${JSON.stringify(pattern)}`;
  return null;
}

/** Compiles a valid glob; `/help/*` matches `/help/returns` but not `/help/a/b`; `/help/**` matches both; a trailing slash is optional. */
export function compileGlob(pattern: string): RegExp {
  const body = pattern
    .replace(/\/+$/, '')
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}/?$`);
}
