/**
 * Request sizes. Excel on the web refuses a request or a response above 5 MB
 * (Request- or ResponsePayloadSizeLimitExceeded: learn.microsoft.com/office/dev/add-ins/concepts/
 * resource-limits-and-performance-optimization). The add-in keeps each one under 4 MB, measured as
 * the JSON that travels, with every non-ASCII character counted as its \uXXXX escape (6 bytes), the
 * most it can cost.
 */

/** What one request or response of ours may carry. */
export const REQUEST_BUDGET_BYTES = 4_000_000;

export function payloadBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? "";
  let bytes = 0;
  for (let i = 0; i < json.length; i++) bytes += json.charCodeAt(i) < 0x80 ? 1 : 6;
  return bytes;
}

/** Rows split into consecutive chunks of at most `budget` bytes each (a larger single row alone). */
export function chunkBySize<T>(rows: readonly T[], budget: number = REQUEST_BUDGET_BYTES): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = payloadBytes(row) + 1;
    if (current.length > 0 && bytes + size > budget) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
