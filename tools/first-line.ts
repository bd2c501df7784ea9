/** An error as one line for a command's message: its message with line breaks folded. */
export function firstLine(err: unknown): string {
  // Not `instanceof Error`: errors from another realm (node's fs under jest) fail that test.
  const message = String((err as { message?: unknown } | null)?.message ?? err);
  return message.replace(/\s*\n\s*/g, " ").trim();
}
