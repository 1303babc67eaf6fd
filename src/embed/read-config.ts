// The config the script tag names: an inline JSON block, or the JSON at data-config, with data-endpoint over it. Read
// by the core once it runs, so that a page that nothing asks of spends nothing on it before the browser is idle, and
// the file on the critical path does not carry it.
import { reportError } from './report.js';

/** The config named by the script tag, with its data-endpoint; null if it names none. */
export async function readConfig(script: HTMLScriptElement | null): Promise<Record<string, unknown> | null> {
  const file = await readConfigFile(script);
  const endpoint = script?.dataset.endpoint;
  return endpoint ? { ...file, endpoint } : file;
}

/** The inline JSON block, or the JSON at data-config; null if neither. */
async function readConfigFile(script: HTMLScriptElement | null): Promise<Record<string, unknown> | null> {
  // a blocking script in <head> runs before the inline config below it is parsed
  if (document.readyState === 'loading' && !script?.dataset.config) {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  const inline = document.querySelector('script[type="application/json"][data-cxkit-config]');
  const url = script?.dataset.config;
  let text: string;
  let source: string;
  if (inline) {
    text = inline.textContent ?? '';
    source = 'the inline <script data-cxkit-config>';
  } else if (url) {
    source = `data-config ${url}`;
    // calls wait for the config however slow it is (like the core's file): one that has not come is named, once
    const slow = setTimeout(() => reportError(`cxkit: ${source}: no answer within 15 s; still waiting for it`), 15_000);
    try {
      let response: globalThis.Response;
      try {
        // relative to the page, like any URL the site owner writes in its HTML
        response = await fetch(new URL(url, document.baseURI), { credentials: 'same-origin' });
      } catch (error) {
        throw new Error(`cxkit: ${source}: could not be loaded (${error instanceof Error ? error.message : String(error)})`);
      }
      if (!response.ok) throw new Error(`cxkit: ${source}: could not be loaded (HTTP ${response.status})`);
      text = await response.text();
    } finally {
      clearTimeout(slow);
    }
  } else {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`cxkit: ${source}: invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`cxkit: ${source}: expected a JSON object`);
  return parsed as Record<string, unknown>;
}
