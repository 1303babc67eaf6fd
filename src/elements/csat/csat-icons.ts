// <cx-csat>'s stars and faces, inline SVG: no icon font, no emoji font, no network request.
import { svg } from 'lit';

export const starIcon = svg`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"><path d="M12 2.8l2.8 5.8 6.3.9-4.6 4.4 1.1 6.3L12 17.2l-5.6 3 1.1-6.3L2.9 9.5l6.3-.9z" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/></svg>`;

/** A face outline with eyes, and its mouth: drawn, so that no emoji font is needed (many Linux systems have none). */
const face = (mouth: string) =>
  svg`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"><circle cx="12" cy="12" r="9.75"/><circle cx="8.75" cy="9.5" r="1.1" fill="currentColor" stroke="none"/><circle cx="15.25" cy="9.5" r="1.1" fill="currentColor" stroke="none"/><path d=${mouth}/></svg>`;

/** Faces from very dissatisfied to very satisfied (CSAT 1–5). */
export const faceIcons = [
  face('M7.5 17.25c1.5-2.5 7.5-2.5 9 0'),
  face('M8.25 16.25c1.75-1.25 5.75-1.25 7.5 0'),
  face('M8.5 15.5h7'),
  face('M8.25 14.75c1.75 1.25 5.75 1.25 7.5 0'),
  face('M7.25 13.75c1.25 3.5 8.25 3.5 9.5 0z'),
] as const;
