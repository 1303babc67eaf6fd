// Stars and faces for <cx-csat>.
import { css } from 'lit';

export const csatStyles = css`
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
    display: inline-grid;
  }
`;
