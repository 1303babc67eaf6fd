// The handshake between the script tag's prompt UI and a language file it fetches (dist/cxkit-locale-fr.js): the file
// announces its strings with an event on the document, so that neither needs a global of its own.
import type { BuiltInLocale } from '../locales/registry.js';
import type { Translation } from '../locales/translation.js';

const localeEvent = 'cxkit-locale';

interface LocaleDetail {
  readonly locale: BuiltInLocale;
  readonly strings: Translation;
}

/** Run by a language file. */
export function announceLocale(locale: BuiltInLocale, strings: Translation): void {
  document.dispatchEvent(new CustomEvent<LocaleDetail>(localeEvent, { detail: { locale, strings } }));
}

/** Run by the prompt UI: every language file that runs from now on hands its strings to `add`. */
export function receiveLocales(add: (locale: BuiltInLocale, strings: Translation) => void): void {
  document.addEventListener(localeEvent, (event) => {
    const detail = (event as CustomEvent<LocaleDetail | undefined>).detail;
    if (detail?.locale && detail.strings) add(detail.locale, detail.strings);
  });
}
