// Instances on one database count days in one time zone, the one the last of them started with (it counts the stored
// days again in its own): an instance already running reads in that zone from then on, or its ranges' whole days would
// be read from rollup days counted in another zone.
import { isTimeZone, timeZone, type TimeZone } from '../time-zone.js';

/** How often a running instance looks at the zone the database counts days in. */
const zoneCheckMs = 10_000;

/**
 * Looks every `everyMs` at the zone the store's days are counted in (`stored`) and hands a new one to `adopt`, saying
 * so once per change; answers the function that stops looking. A database away for a moment is looked at next time.
 */
export function followZone(
  stored: () => Promise<string | undefined>,
  current: () => TimeZone,
  adopt: (zone: TimeZone) => void,
  everyMs = zoneCheckMs,
): () => void {
  const look = async () => {
    const name = await stored().catch(() => undefined);
    const was = current().name;
    // a zone this runtime does not know (newer zone data elsewhere) cannot be read in: this instance keeps its own
    if (name === undefined || name === was || !isTimeZone(name)) return;
    console.error(
      `cxkit collector: another instance now counts days in ${name}, not ${was}: this one reads in ${name} too. Give every instance on one database the same --time-zone (the last one started counts every day again in its own)`,
    );
    adopt(timeZone(name));
  };
  const timer = setInterval(() => void look(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
