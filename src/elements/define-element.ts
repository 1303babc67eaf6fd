// The one place that calls customElements.define: a tag already taken (cxkit loaded twice, or bundled by an app as
// well as loaded by the script tag) keeps its first element.
export function defineElement(tag: `cx-${string}`, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
