// A link that opens a mail to a customer in the team's own mail program: the one click between a name on the dashboard
// and reaching them (the inbox's unhappy customers, those asked who did not answer).

/** An address a mail program takes as it is: no spaces, and none of the characters a mailto: link gives meaning to. */
const emailAddress = /^[^\s@<>()[\],;:"?&#%]+@[^\s@<>()[\],;:"?&#%]+\.[^\s@<>()[\],;:"?&#%]+$/;

/** The first of `candidates` that is an email address. */
export const emailIn = (candidates: readonly unknown[]): string | undefined =>
  candidates.find((v): v is string => typeof v === 'string' && emailAddress.test(v));

/** "Email jane@shop.example", opening a mail with this subject and body (spaces as %20, which every mail program reads). */
export function mailLink(address: string, subject: string, body = ''): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = `mailto:${address}?${new URLSearchParams({ subject, body }).toString().replaceAll('+', '%20')}`;
  link.textContent = `Email ${address}`;
  return link;
}
