// Runs work items with a concurrency limit (-parallel-builds), keeping results in input order.

/** At most `limit` at once; 0 means all at once. */
export async function runLimited<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  const workers = limit > 0 ? Math.min(limit, items.length) : items.length;
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
