// A language file of the script tag's (dist/cxkit-locale-fr.js …) hands its strings to the prompt UI the way a kind's
// file hands over its element: through the core, which keeps them until the prompt UI runs. The core asks for the
// visitor's language beside the prompt UI, so the file may arrive before the UI or after it.
import type { BuiltInLocale } from '../locales/built-in-locales.js';
import type { Translation } from '../locales/translation.js';
import { connectAdditionKey, type ConnectAddition } from './prompt-bundle.js';

/** Run by a language file. */
export function connectLocale(locale: BuiltInLocale, strings: Translation): void {
  const connect = (window.cxkit as unknown as Record<string, ConnectAddition | undefined> | undefined)?.[connectAdditionKey];
  if (connect) connect((kit) => kit.registry.addTranslations({ [locale]: strings }));
  else console.error(`cxkit: cxkit-locale-${locale}.js is loaded by cxkit.js; load cxkit.js instead`);
}
