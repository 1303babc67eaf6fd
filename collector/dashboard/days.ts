// The dashboard's days (YYYY-MM-DD, UTC, as the API counts them) and the API's `until`, which is the first instant left
// out: a range "from the 1st to the 4th" that a person means to include the 4th reads `until` the 5th.

/** The day `days` after `day` (before, when negative). */
export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
