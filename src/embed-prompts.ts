// The script tag's prompt UI (dist/cxkit-prompts.js), loaded by dist/cxkit.js when a page needs a prompt:
// registers the elements and hands the core what it needs to show them. It carries English; the visitor's language,
// when another, is fetched as its own file when a prompt needs it.
import './define.js';
import { setDefaultClient, setDefaultClientAbsence } from './elements/default-client.js';
import { mountPrompt } from './elements/mount.js';
import { receiveLocales } from './embed/locale-bundle.js';
import { connectKey, type ConnectPrompts } from './embed/prompt-bundle.js';
import { addTranslations, setLocaleSource } from './locales/registry.js';

try {
  const connect = (window.cxkit as unknown as Record<string, ConnectPrompts | undefined> | undefined)?.[connectKey];
  receiveLocales((locale, strings) => addTranslations({ [locale]: strings }));
  if (connect) connect({ mountPrompt, setDefaultClient, setDefaultClientAbsence, setLocaleSource });
  else console.error('cxkit: cxkit-prompts.js is loaded by cxkit.js; load cxkit.js instead');
} catch (error) {
  console.error(error);
}
