// "Does reaching them help?" in the follow-up inbox: of the unhappy customers the team reached who answered the same
// question again, the share no longer unhappy, against those nobody reached — the loop's own figure, for the page's
// range and the inbox's Customers. From /v1/recovery.
import type { Recovery, RecoveryShare } from '../../analytics/recovery.js';
import { couldNotLoad, newestLoads } from '../newest-loads.js';
import { fewestForInterval, format, pValue, signed, whole } from '../wording.js';

const line = document.querySelector<HTMLElement>('#recovery-figures')!;
const newest = newestLoads();

/** `query`: the page's filter with the inbox's Customers (and the read key when there is one). */
export async function refreshRecovery(query: URLSearchParams): Promise<void> {
  const loaded = await newest<Recovery>(`/v1/recovery?${query}`);
  if (!loaded) return;
  line.textContent = 'body' in loaded ? recoveryWords(loaded.body) : couldNotLoad('whether reaching them helps', loaded);
}

/** "62% (31 of 50)". */
const share = (side: RecoveryShare) => `${format(side.rate)}% (${whole(side.recovered)} of ${whole(side.answeredAgain)})`;

/**
 * "Of the unhappy customers reached who answered again, 62% (31 of 50) were no longer unhappy; of those nobody
 * reached, 38% (12 of 32): a difference of +24 points (95% CI +3 to +45); p = 0.03."
 */
function recoveryWords({ reached, notReached, difference: d }: Recovery): string {
  if (!reached.unhappy && !notReached.unhappy)
    return 'No unhappy customer your site identified answered in this range: once they answer again, this says whether reaching them helped.';
  if (reached.answeredAgain < fewestForInterval || notReached.answeredAgain < fewestForInterval)
    return (
      `Too few unhappy customers have answered again to tell yet (under ${fewestForInterval} on a side): ` +
      `${whole(reached.answeredAgain)} of the ${whole(reached.unhappy)} reached did, and ${whole(notReached.answeredAgain)} of the ` +
      `${whole(notReached.unhappy)} nobody reached.`
    );
  const sides = `Of the unhappy customers reached who answered again, ${share(reached)} were no longer unhappy; of those nobody reached, ${share(notReached)}`;
  if (d.difference === null || d.ci95 === null || d.p === null) return `${sides}.`;
  const verdict = d.p < 0.05 ? '' : ' — could be chance';
  return `${sides}: a difference of ${signed(d.difference)} points (95% CI ${signed(d.difference - d.ci95)} to ${signed(d.difference + d.ci95)}); ${pValue(d.p)}${verdict}.`;
}
