// The follow-up inbox's tables, the same on both stores but for the time type, and the rule for which answers need
// someone to act: NPS detractors (0–6), CSAT 1–2, CES 1–3 on the 1–7 scale (1–2 on 1–5).

/** Over a `responses` row (optionally aliased): true when the answer belongs in the inbox. */
export const needsAttention = (r = '') =>
  `((${r}kind = 'nps' AND ${r}score <= 6) OR (${r}kind = 'csat' AND ${r}score <= 2)
    OR (${r}kind = 'ces' AND ${r}score <= CASE WHEN ${r}scale_max = 5 THEN 2 ELSE 3 END))`;

export const followUpTables = (time: string, serial: string) => `
   CREATE TABLE follow_ups (
     response_id TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     note TEXT,
     changed_by TEXT,
     changed_at ${time} NOT NULL,
     closed_at ${time}
   );
   CREATE TABLE follow_up_events (
     seq ${serial},
     response_id TEXT NOT NULL,
     status TEXT NOT NULL,
     note TEXT,
     changed_by TEXT,
     changed_at ${time} NOT NULL
   );
   CREATE INDEX follow_up_events_by_response ON follow_up_events (response_id);
   CREATE INDEX responses_inbox ON responses (answered_at, id) WHERE ${needsAttention()};`;
