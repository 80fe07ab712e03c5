/**
 * Limits on what one activity may carry, beyond MAX_REQUEST_BYTES for the whole request.
 * Each question also has its own length limit in its bank; the text limit here sits above
 * every one of those, so an officer who types too much still gets the question's own advice.
 */
export const INPUT_LIMITS = {
  /** Typed message text, in characters (the longest bank answer allows 10,000). */
  textChars: 10_000,
  /** An Adaptive Card submit's `value`, as JSON, in bytes. */
  valueBytes: 32_768,
  /** Nesting of `value`: our cards send at most three levels. */
  valueDepth: 6,
  /** Keys and array items in `value`, counted at every level. */
  valueEntries: 500,
  /** A display name, in characters; longer names are cut, not refused. */
  nameChars: 256,
} as const;

/** The officer-facing reason a message is refused, or undefined when it is within limits. */
export function inputLimitProblem(activity: { text?: unknown; value?: unknown }): string | undefined {
  if (typeof activity.text === 'string' && activity.text.length > INPUT_LIMITS.textChars) {
    return (
      `That message is ${activity.text.length.toLocaleString('en-GB')} characters long; I can take up to ` +
      `${INPUT_LIMITS.textChars.toLocaleString('en-GB')} at a time. Nothing from it has been saved: please send a shorter message.`
    );
  }
  if (activity.value !== undefined && !valueWithinLimits(activity.value)) {
    return "That card sent more than I can accept, so I haven't recorded anything from it. Please shorten your answers and press the button again, or type your answer instead.";
  }
  return undefined;
}

function valueWithinLimits(value: unknown): boolean {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return false;
  }
  if (json !== undefined && Buffer.byteLength(json, 'utf8') > INPUT_LIMITS.valueBytes) return false;
  let entries = 0;
  const walk = (node: unknown, depth: number): boolean => {
    if (typeof node !== 'object' || node === null) return true;
    if (depth > INPUT_LIMITS.valueDepth) return false;
    const children = Array.isArray(node) ? node : Object.values(node as Record<string, unknown>);
    entries += children.length;
    if (entries > INPUT_LIMITS.valueEntries) return false;
    return children.every((child) => walk(child, depth + 1));
  };
  return walk(value, 1);
}
