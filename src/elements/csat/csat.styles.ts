// Stars and faces for <cx-csat>.
import { css } from 'lit';

export const csatStyles = css`
  /* five options always fit on one row */
  .scale {
    grid-template-columns: repeat(5, minmax(2.25rem, 1fr));
  }
  .star {
    display: inline-grid;
    color: var(--_fg);
    fill: transparent;
  }
  .star.filled {
    color: var(--_accent);
    fill: currentColor;
  }
  :host([variant='stars']) .option[aria-checked='true'] {
    background: var(--_bg);
    color: var(--_accent);
  }
  :host([variant='stars']) .option[aria-checked='true'] .star {
    color: var(--_accent);
  }
  .face {
    /* colour emoji fonts first, so that all five faces come from one family */
    font-family: 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', sans-serif;
    font-size: 1.75rem;
    line-height: 1;
  }
`;
