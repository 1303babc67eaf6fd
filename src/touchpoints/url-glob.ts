// URL rules: a path glob matched against the page's path (sdk/page.ts). `*` stays within a path segment, `**` crosses
// segments. A glob with a hash route (`/#/checkout/*`) matches a hash router's views; one without ignores the hash. A
// query (`/index.php?route=checkout/*`, as shops that route by query have it) asks for those parameters among the
// page's, in any order; others may be there too.

/** A glob's path, its query (after "?", if any) and its hash route (from "#", or ''). */
const parts = (pattern: string) => /^([^?#]*)(?:\?([^#]*))?(.*)$/.exec(pattern)!;

/** Why `pattern` is not a usable glob, or null when it is. */
export function globProblem(pattern: string): string | null {
  const got = JSON.stringify(pattern);
  const [, , query, route] = parts(pattern);
  if (!pattern.startsWith('/')) return `expected a path glob starting with "/" (e.g. "/help/*"), got ${got}`;
  if (query !== undefined && !/^[^=&]+(=[^&]*)?(&[^=&]+(=[^&]*)?)*$/.test(query))
    return `expected the query as key=value pairs after "?" (e.g. "/index.php?route=checkout/*"), got ${got}`;
  if (route && !/^#!?\/[^#?]*$/.test(route))
    return `expected a hash route to start with "#/" or "#!/", without a query (e.g. "/#/checkout/*"), got ${got}`;
  if (/\*{3,}/.test(pattern)) return `expected "*" or "**", got ${got}`;
  if (/\s/.test(pattern)) return `expected a path without spaces, got ${got}`;
  return null;
}

const escaped = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** Whether a page (its path as sdk/page.ts's pagePath() gives it, and its query) is one a URL rule names. */
export type UrlRule = (path: string, query: string) => boolean;

/**
 * Compiles a valid glob; `/help/*` matches `/help/returns` but not `/help/a/b`; `/help/**` matches both; a trailing
 * slash is optional. In a query's values `*` matches anything.
 */
export function compileUrlRule(pattern: string): UrlRule {
  const [, path = '', query, route = ''] = parts(pattern);
  const body = (path + route)
    .replace(/\/+$/, '')
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : escaped(part)))
    .join('');
  const pathRule = new RegExp(`^${body}/?${route ? '' : '(#.*)?'}$`);
  const params = [...new URLSearchParams(query)].map(
    ([key, value]) => [key, new RegExp(`^${value.split(/\*+/).map(escaped).join('.*')}$`)] as const,
  );
  return (page, search) => {
    if (!pathRule.test(page)) return false;
    // judged on every signal (a scroll frame included): the page's query is read only for a rule that names one
    if (!params.length) return true;
    const found = new URLSearchParams(search);
    return params.every(([key, value]) => found.getAll(key).some((v) => value.test(v)));
  };
}
