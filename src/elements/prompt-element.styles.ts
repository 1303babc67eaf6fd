// Styles shared by every prompt; public only through --cx-* properties and parts.
import { css } from 'lit';

export const promptStyles = css`
  /* the page's text styles stop at the prompt (capitals, spacing, no wrap, a root of 62.5%: sizes are in em of the
     visitor's own text size); what the page hides stays hidden, and the site's font family is the prompt's */
  :host {
    all: initial;
    visibility: inherit;
    /* a site that keeps iOS from enlarging its text in landscape keeps it from enlarging the prompt's too; its text
       rendering (Tailwind's antialiased) and tap flash are the prompt's as well */
    -webkit-text-size-adjust: inherit;
    -webkit-font-smoothing: inherit;
    -moz-osx-font-smoothing: inherit;
    -webkit-tap-highlight-color: inherit;
    --_accent: var(--cx-accent, #2155d6);
    --_on-accent: #fff;
    --_bg: var(--cx-bg, #fff);
    --_fg: var(--cx-fg, #1d2127);
    --_muted: var(--cx-fg, #4a5260);
    --_line: #8a93a3;
    --_radius: var(--cx-radius, 12px);
    /* how far a popover or modal keeps from the window's edges */
    --_edge: min(1em, 2.5vw);
    display: block;
    font-family: var(--cx-font, inherit);
    color: var(--_fg);
    line-height: 1.4;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--cx-accent, #8cb1ff);
      --_on-accent: #0d1117;
      --_bg: var(--cx-bg, #1c1f24);
      --_fg: var(--cx-fg, #eceef1);
      --_muted: var(--cx-fg, #c1c7d0);
      --_line: #6b7483;
    }
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .panel {
    position: relative;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    /* narrower on a phone, so that eleven options keep 24 px each on one line at 320 px, whatever the text size */
    padding: 1em clamp(8px, 3%, 1.25em) 1.25em;
    max-inline-size: 40em;
    /* a site's question may hold a word longer than a phone is wide (a product code, a link): it wraps rather than widen the page */
    overflow-wrap: break-word;
  }
  :host([mode='popover']) .panel {
    position: fixed;
    /* the browser's own style for the top layer centres it (its auto margins are 0 with one inset auto) */
    inset: auto;
    inset-block-end: var(--_edge);
    inset-inline-end: var(--_edge);
    z-index: 2147483000;
    inline-size: min(26em, calc(100vw - 2 * var(--_edge)));
    /* dvh: on a phone whose browser shows its toolbars, 100vh is taller than what can be seen, and a tall prompt's top
       (its close button) would sit under them; 100vh where dvh is unknown (Safari before 15.4) */
    max-block-size: calc(100vh - 2em);
    max-block-size: calc(100dvh - 2em);
    overflow: auto;
    box-shadow: 0 8px 30px rgb(0 0 0 / 0.25);
  }
  dialog {
    padding: 0;
    border: none;
    background: transparent;
    color: inherit;
    inline-size: min(32em, calc(100vw - 2 * var(--_edge)));
    /* the browser's own dialog style keeps 2em + 6px off the sides, too much on a 320 px phone */
    max-inline-size: none;
    max-block-size: calc(100vh - 2em);
    max-block-size: calc(100dvh - 2em);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  /* the text's own size: each size and weight the first frame needs is a font the browser must look up before it paints
     (the script tag looks up this weight and the end labels' size while the prompt UI downloads:
     src/embed/prompt-fonts.ts) */
  .question {
    margin-block: 0 0.75em;
    margin-inline: 0 2em;
    font-weight: 600;
  }
  .close {
    position: absolute;
    inset-block-start: 0.5em;
    inset-inline-end: 0.5em;
    display: grid;
    place-items: center;
    inline-size: 2em;
    block-size: 2em;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: var(--_fg);
    font: inherit;
    cursor: pointer;
  }
  /* one line, always, in reading order: 0 at the start, 10 at the end, never the browser's accidental wrap */
  .scale {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(0, 1fr);
    /* a quarter em apart, closer on a narrow panel so that eleven options keep 24 px each; a percentage here is of the
       scale's width, where a container query's style pass cost the prompt's first layout about a quarter of its time */
    column-gap: clamp(1px, (100% - 264px) / 10, 0.25em);
  }
  .option {
    min-inline-size: 0;
    min-block-size: 2.25em;
    padding: 0.25em 0;
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_bg);
    color: var(--_fg);
    font: inherit;
    /* a visitor's large text still fits eleven options on a 320 px phone: "10" is wider than 24 px from 22 px text on */
    font-size: min(1em, 5.5vw);
    cursor: pointer;
  }
  .option:hover {
    border-color: var(--_accent);
  }
  .option[aria-checked='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  /* forced colours (Windows high contrast) replace the accent that marks the choice: the system's own highlight does,
     over any kind's own look for it (CSAT's stars) */
  @media (forced-colors: active) {
    .option[aria-checked='true'] {
      forced-color-adjust: none;
      background: Highlight !important;
      color: HighlightText !important;
    }
    .option[aria-checked='true'] * {
      color: inherit !important;
    }
  }
  @media (pointer: coarse) {
    .option {
      min-block-size: 2.75em;
    }
    .close {
      min-inline-size: 2.75em;
      min-block-size: 2.75em;
    }
  }
  .ends {
    display: flex;
    justify-content: space-between;
    gap: 1em;
    margin-block-start: 0.375em;
    color: var(--_muted);
  }
  .ends > * {
    font-size: 0.875em;
  }
  /* a label that wraps stays under its end of the scale */
  .ends > :last-child {
    text-align: end;
  }
  .follow-up {
    display: grid;
    gap: 0.5em;
    margin-block-start: 1em;
  }
  .follow-up label {
    font-weight: 600;
  }
  textarea {
    inline-size: 100%;
    min-block-size: 4.5em;
    padding: 0.5em;
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_bg);
    color: var(--_fg);
    font: inherit;
    resize: vertical;
  }
  textarea::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5em;
  }
  .submit,
  .skip,
  .retry {
    min-block-size: 2.5em;
    padding: 0.375em 1em;
    border-radius: calc(var(--_radius) / 2);
    font: inherit;
    cursor: pointer;
  }
  .submit {
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .skip,
  .retry {
    border: 1px solid var(--_line);
    background: transparent;
    color: var(--_fg);
  }
  button:focus-visible,
  textarea:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  button[disabled] {
    cursor: progress;
    opacity: 0.7;
  }
  .error {
    margin: 0.75em 0 0;
    font-weight: 600;
  }
  .thanks:not(:empty) {
    margin: 0;
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: no-preference) {
    .panel {
      animation: cx-enter 160ms ease-out;
    }
    .option {
      transition:
        background-color 120ms,
        border-color 120ms;
    }
  }
  @keyframes cx-enter {
    from {
      opacity: 0;
      transform: translateY(0.5em);
    }
  }
`;
