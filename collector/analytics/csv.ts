// CSV export (RFC 4180): one row per response, with spreadsheet formula injection defused.
import type { Response } from '../../src/schema/response.js';
import type { FollowUpStatus, UnansweredPerson } from '../store/store.js';
import { utc, type TimeZone } from '../time-zone.js';

export const csvColumns = [
  'id',
  'kind',
  'score',
  'scale_min',
  'scale_max',
  'touchpoint',
  'comment',
  'question',
  'locale',
  'answered_at',
  'page_url',
  'page_title',
  'anonymous_id',
  'user_id',
  'partial',
  'traits',
  'metadata',
  'stage',
  'device',
  'visitor',
  'follow_up',
  // answered_at in the collector's time zone, as a spreadsheet reads a date and time (it cannot convert the UTC one)
  'answered_local',
  // who has the customer (added after answered_local, so that the columns before keep their places)
  'follow_up_owner',
] as const;

/**
 * Quotes a field when it needs it. A text starting with = + - @ (or tab/CR) is read as a formula by spreadsheets, so it
 * gets a leading apostrophe (OWASP's advice); numbers are written as they are.
 */
function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

/** An instant in the collector's time zone as a spreadsheet reads a date and time (it cannot convert a UTC one). */
const localTime = (ms: number, zone: TimeZone) => new Date(ms + zone.offsetAt(ms)).toISOString().slice(0, 19).replace('T', ' ');

/**
 * One response as a CSV line (no line break); `followUp`: where following it up stands, when it needs or has one;
 * `zone`: the collector's time zone; `owner`: who the customer is left to.
 */
export function toCsvRow(r: Response, followUp: FollowUpStatus | null = null, zone: TimeZone = utc, owner: string | null = null): string {
  const answered = Date.parse(r.answeredAt);
  return [
    r.id,
    r.kind,
    r.score,
    r.scale.min,
    r.scale.max,
    r.touchpoint,
    r.comment,
    r.question,
    r.locale,
    r.answeredAt,
    r.page.url,
    r.page.title,
    r.anonymousId,
    r.userId,
    r.partial,
    r.traits && JSON.stringify(r.traits),
    r.metadata && JSON.stringify(r.metadata),
    r.stage,
    r.device,
    r.visitor,
    followUp ?? undefined,
    localTime(answered, zone),
    owner ?? undefined,
  ]
    .map(csvField)
    .join(',');
}

/** The header line, CRLF included. */
export const csvHeader = `${csvColumns.join(',')}\r\n`;

/** The unanswered file's header line, CRLF included. */
export const unansweredCsvHeader = 'user_id,touchpoint,asked,last_asked_at,last_asked_local\r\n';

/** One customer asked at one touchpoint and not answering there, the last time also in the collector's zone. */
export const unansweredCsvRow = (p: UnansweredPerson, zone: TimeZone): string =>
  `${[p.userId, p.touchpoint, p.asked, p.lastAskedAt, localTime(Date.parse(p.lastAskedAt), zone)].map(csvField).join(',')}\r\n`;
