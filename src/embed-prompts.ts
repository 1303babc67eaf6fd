// The script tag's prompt UI (dist/cxkit-prompts.js), loaded by dist/cxkit.js when a page needs a prompt:
// registers <cx-nps> and hands the core what it needs to show prompts. The other kinds are files of their own
// (dist/cxkit-csat.js, dist/cxkit-ces.js) that define their element with this file's Lit and prompt element. It
// carries English; the visitor's language, when another, is a file of its own that the core fetches beside this one.
import { css, html, svg } from 'lit';
import { defineElement } from './elements/define-element.js';
import { setDefaultClient, setDefaultClientAbsence } from './elements/default-client.js';
import { mountPrompt } from './elements/mount.js';
import { CxNps } from './elements/nps/nps.js';
import { CxPromptElement } from './elements/prompt-element.js';
import { connectKey, type ConnectPrompts, type PromptKit } from './embed/prompt-bundle.js';
import { addEnglish, addTranslations, plural, setLocaleSource } from './locales/registry.js';

try {
  defineElement('cx-nps', CxNps);
  const kit: PromptKit = { lit: { css, html, svg }, promptElement: { CxPromptElement }, registry: { plural, addEnglish, addTranslations } };
  const connect = (window.cxkit as unknown as Record<string, ConnectPrompts | undefined> | undefined)?.[connectKey];
  if (connect) {
    connect({
      mountPrompt,
      setDefaultClient,
      setDefaultClientAbsence,
      setLocaleSource,
      add(addition) {
        try {
          addition(kit);
        } catch (error) {
          console.error(error);
        }
      },
    });
  } else console.error('cxkit: cxkit-prompts.js is loaded by cxkit.js; load cxkit.js instead');
} catch (error) {
  console.error(error);
}
