// Builds the prompt named by the query string (kind, mode, locale, variant, endpoint); external so that it runs under a strict CSP.
const params = new URLSearchParams(location.search);
window.cxkit = window.cxkit || [];
window.cxkit.push(['init', { endpoint: params.get('endpoint'), flushDelayMs: 0, storage: { name: params.get('db') || 'cxkit' } }]);
document.addEventListener('DOMContentLoaded', () => {
  const prompt = document.createElement(`cx-${params.get('kind') || 'nps'}`);
  prompt.setAttribute('touchpoint', 'e2e');
  prompt.setAttribute('mode', params.get('mode') || 'inline');
  for (const name of ['locale', 'variant', 'scale']) {
    const value = params.get(name);
    if (value) prompt.setAttribute(name, value);
  }
  document.getElementById('slot')?.append(prompt);
  document.getElementById('opener')?.addEventListener('click', () => prompt.setAttribute('open', ''));
});
