// The close button's icon, inline SVG: no icon font, no network request, no string a translator would need.
import { svg } from 'lit';

export const closeIcon = svg`<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><path d="M3.5 3.5l9 9m0-9l-9 9" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" fill="none"/></svg>`;
