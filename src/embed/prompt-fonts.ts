// The faces of the page's font that a prompt's first frame needs, looked up while the prompt UI downloads. The
// prompt's text takes the page's font family in faces the page may not have used yet (the question's weight, the end
// labels' size, at the visitor's own text size); the first use of each costs a font lookup (over IPC on Linux) in the
// layout that meets it, which made the frame that first lays the prompt out a long task at 4× throttling.
/** A tag no page styles, so that the probe's text takes from <body> exactly what the prompt's host takes. */
const probeTag = 'cx-fonts';

/**
 * Lays out a hidden line in those faces while the prompt UI downloads, off the path to its first prompt; it leaves a
 * second later. A page whose <body> is not there yet gets none.
 */
export function lookUpPromptFonts(): void {
  const probe = document.createElement(probeTag);
  const small = document.createElement(probeTag);
  // as the host's styles do (src/elements/prompt-element.styles.ts): the page's font family, nothing else of its text
  probe.style.cssText = 'all:initial;position:fixed;visibility:hidden;font-family:var(--cx-font,inherit);font-weight:600';
  small.style.cssText = 'font-weight:400;font-size:.875em';
  small.append('0');
  probe.append('0', small);
  document.body?.append(probe);
  setTimeout(() => probe.remove(), 1000);
}
