// The built dashboard's files, served with headers that keep the page (and the read key in its URL) to itself.
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** Only the dashboard's own scripts and styles, no framing (clickjacking), no referrer (the URL may carry `?key=`). */
export const dashboardHeaders = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
} as const;

export async function serveDashboard(res: ServerResponse, dashboardDir: string, path: string): Promise<void> {
  const file = normalize(
    join(dashboardDir, path === '/dashboard' || path === '/dashboard/' ? 'index.html' : path.slice('/dashboard/'.length)),
  );
  if (!file.startsWith(normalize(dashboardDir))) return void res.writeHead(404, dashboardHeaders).end();
  try {
    const body = await readFile(file);
    res.writeHead(200, { ...dashboardHeaders, 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res
      .writeHead(404, { ...dashboardHeaders, 'Content-Type': 'text/plain; charset=utf-8' })
      .end(path === '/dashboard' ? 'dashboard not built: run npm run build' : 'not found');
  }
}
