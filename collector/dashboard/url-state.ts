// The view in the page's address: the filters and view options of every form marked `data-in-url` (never the admin
// form, which holds a key), so that a copied link reopens the same view. The read key, when the page was opened with
// one, stays in the address as it came.

const forms = () => [...document.querySelectorAll<HTMLFormElement>('form[data-in-url]')];

/** Sets the marked forms' fields from the address; a select learns an option it does not list yet (touchpoints load later). */
export function restoreFromUrl(): void {
  const params = new URLSearchParams(location.search);
  for (const form of forms()) {
    for (const field of form.elements) {
      if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement) || !field.name) continue;
      const value = params.get(field.name);
      if (value === null) continue;
      if (field instanceof HTMLInputElement && (field.type === 'radio' || field.type === 'checkbox')) field.checked = field.value === value;
      else if (field instanceof HTMLSelectElement && ![...field.options].some((o) => o.value === value))
        field.append(new Option(value, value, true, true));
      else field.value = value;
    }
  }
}

/** Writes the marked forms' non-empty fields into the address, in place (no history entry per change), keeping the section it names. */
export function saveToUrl(): void {
  const params = new URLSearchParams();
  const key = new URLSearchParams(location.search).get('key');
  if (key) params.set('key', key);
  for (const form of forms())
    for (const [name, value] of new FormData(form)) if (typeof value === 'string' && value) params.set(name, value);
  const query = params.toString();
  history.replaceState(history.state, '', (query ? `?${query}` : location.pathname) + location.hash);
}

for (const form of forms()) form.addEventListener('change', saveToUrl);
