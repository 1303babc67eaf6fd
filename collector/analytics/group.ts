// Grouping counts by a key, kept in one place: the journey groups by touchpoint, trends by day, segments by value.

/** The items grouped by `key`, groups in the order their first item came. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
