// The faces of the page's font that a prompt's first frame needs, looked up while the prompt UI downloads. The
// prompt's text inherits the page's font in faces the page may not have used yet (the question's weight, the end
// labels' size); the first use of each costs a font lookup (over IPC on Linux) in the layout that meets it, which made
// the frame that first lays the prompt out a long task at 4× throttling.
/** A tag no page styles, so that the probe's text inherits from <body> exactly as the prompt's host does. */
const probeTag = 'cx-fonts';

/**
 * Lays out a hidden line in those faces while the prompt UI downloads, off the path to its first prompt; it leaves a
 * second later. A page whose <body> is not there yet gets none.
 */
export function lookUpPromptFonts(): void {
  const probe = document.createElement(probeTag);
  const small = document.createElement(probeTag);
  probe.style.cssText = 'position:fixed;visibility:hidden;font-weight:600';
  small.style.cssText = 'font-weight:400;font-size:.875em';
  small.append('0');
  probe.append('0', small);
  document.body?.append(probe);
  setTimeout(() => probe.remove(), 1000);
}
