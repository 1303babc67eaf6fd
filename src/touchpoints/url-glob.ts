// URL rules: a path glob matched against the page's path (sdk/page.ts). `*` stays within a path segment, `**` crosses
// segments. A glob with a hash route (`/#/checkout/*`) matches a hash router's views; one without ignores the hash.

/** Why `pattern` is not a usable glob, or null when it is. */
export function globProblem(pattern: string): string | null {
  const got = JSON.stringify(pattern);
  if (!pattern.startsWith('/')) return `expected a path glob starting with "/" (e.g. "/help/*"), got ${got}`;
  if (pattern.includes('?')) return `expected a path without a query, got ${got}`;
  if (/#(?!!?\/)|#.*#/.test(pattern)) return `expected a hash route to start with "#/" or "#!/" (e.g. "/#/checkout/*"), got ${got}`;
  if (/\*{3,}/.test(pattern)) return `expected "*" or "**", got ${got}`;
  if (/\s/.test(pattern)) return `expected a path without spaces, got ${got}`;
  return null;
}

/**
 * Compiles a valid glob; `/help/*` matches `/help/returns` but not `/help/a/b`; `/help/**` matches both; a trailing
 * slash is optional.
 */
export function compileGlob(pattern: string): RegExp {
  const body = pattern
    .replace(/\/+$/, '')
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}/?${pattern.includes('#') ? '' : '(#.*)?'}$`);
}
