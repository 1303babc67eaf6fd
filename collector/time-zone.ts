// Calendar days in the collector's time zone (an IANA name, `--time-zone`): which day an instant falls on, and the
// instant a day starts. A day is not always 24 hours (23 and 25 at daylight-saving changes, and where the clocks
// change at midnight a day starts at 01:00), and an offset is not always whole hours (India, Nepal, Newfoundland).

export const dayMs = 86_400_000;

export interface TimeZone {
  /** The IANA name, e.g. `Europe/Berlin`; `UTC` by default. */
  readonly name: string;
  /** The day an instant (ms) falls on there, as YYYY-MM-DD. */
  dayOf(ms: number): string;
  /** The first instant (ms) of a day (YYYY-MM-DD) there. */
  startOf(day: string): number;
  /** The offset from UTC there at an instant, in ms (east positive): local time = UTC + offset. */
  offsetAt(ms: number): number;
}

/** The day a UTC date-time falls on: the calendar arithmetic every zone shares. */
export const utcDayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const utcStartOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
/** The day `days` after `day` (before, when negative). The dashboard's `until` is the day after the last one chosen. */
export const addDays = (day: string, days: number) => utcDayOf(utcStartOf(day) + days * dayMs);

/** Whether `name` is a time zone this runtime knows (an IANA name such as `America/New_York`, or `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const utc: TimeZone = { name: 'UTC', dayOf: utcDayOf, startOf: utcStartOf, offsetAt: () => 0 };

/**
 * The zone named `given` (in any case: `utc` is `UTC`), under that name (an alias such as `US/Pacific` too, which the
 * runtime may know by another: Node 20 calls Asia/Kathmandu Asia/Katmandu); throws a RangeError naming it when the
 * runtime does not know it.
 */
export function timeZone(given: string): TimeZone {
  if (!isTimeZone(given)) throw new RangeError(`unknown time zone "${given}": expected an IANA name such as Europe/Berlin`);
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: given }).resolvedOptions().timeZone;
  const name = resolved.toLowerCase() === given.toLowerCase() ? resolved : given;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsetAt = (ms: number): number => {
    const at = Math.floor(ms / 1000) * 1000;
    const parts: Record<string, string> = {};
    for (const { type, value } of format.formatToParts(at)) parts[type] = value;
    const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
    const local = new Date(0);
    local.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
    local.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second));
    return local.getTime() - at;
  };
  const dayOf = (ms: number) => utcDayOf(ms + offsetAt(ms));
  const startOf = (day: string): number => {
    const midnight = utcStartOf(day);
    // the offsets a day before and after: one of them holds at the day's first instant, whatever changes that day
    const candidates = [midnight - offsetAt(midnight - dayMs), midnight - offsetAt(midnight + dayMs)].sort((a, b) => a - b);
    for (const start of candidates) if (dayOf(start) === day && dayOf(start - 1) < day) return start;
    // the clocks went forward over midnight: the day starts at the change, the first instant on it
    let [before, after] = [candidates[0]!, candidates[1]! + 3_600_000];
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (dayOf(middle) < day) before = middle;
      else after = middle;
    }
    return after;
  };
  return name === 'UTC' ? utc : { name, dayOf, startOf, offsetAt };
}

/**
 * The instants the offset changes at between `from` and `to` (ms), with the offset from each on, the first holding from
 * `from`: what a store without time zones of its own (SQLite) keys days by. Looked at weekly and narrowed to the
 * second, so that it agrees with `dayOf`.
 */
export function offsetChanges(zone: TimeZone, from: number, to: number): Array<{ readonly from: number; readonly offset: number }> {
  const week = 7 * dayMs;
  [from, to] = [Math.floor(from / 1000) * 1000, Math.ceil(to / 1000) * 1000];
  const changes = [{ from, offset: zone.offsetAt(from) }];
  for (let at = from; at < to; at += week) {
    const next = Math.min(at + week, to);
    let [before, after] = [at, next];
    let held = zone.offsetAt(before);
    while (zone.offsetAt(after) !== held) {
      // the first change in (before, after]: narrowed to the second
      let [low, high] = [before, after];
      while (high - low > 1000) {
        const middle = Math.floor((low + high) / 2000) * 1000;
        if (zone.offsetAt(middle) === held) low = middle;
        else high = middle;
      }
      held = zone.offsetAt(high);
      changes.push({ from: high, offset: held });
      [before, after] = [high, next];
    }
  }
  return changes;
}
