import { createRequire } from 'node:module';
import type * as AdaptiveCardsTypes from 'adaptivecards';

// The package root import fails in plain Node; the UMD bundle works everywhere (stack notes, section 8).
const AC: typeof AdaptiveCardsTypes = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js');

/** Teams refuses bot messages over about 100 KB; we keep each card well under that. */
export const MAX_CARD_BYTES = 40_000;

/** Problems the official Adaptive Cards parser and validator find in a card, as readable strings. */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const json = card as Record<string, unknown>;
  if (json['type'] !== 'AdaptiveCard') problems.push('not an AdaptiveCard');
  if (json['version'] !== '1.5') problems.push(`version is ${String(json['version'])}, expected 1.5`);
  const size = Buffer.byteLength(JSON.stringify(card));
  if (size > MAX_CARD_BYTES) problems.push(`card is ${size} bytes, over ${MAX_CARD_BYTES}`);

  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  collectEmptyText(json, problems);
  return problems;
}

function collectEmptyText(node: unknown, problems: string[]): void {
  if (Array.isArray(node)) return node.forEach((n) => collectEmptyText(n, problems));
  if (typeof node !== 'object' || node === null) return;
  const element = node as Record<string, unknown>;
  if (element['type'] === 'TextBlock' && (typeof element['text'] !== 'string' || element['text'] === '')) {
    problems.push('a TextBlock has no text');
  }
  Object.values(element).forEach((v) => collectEmptyText(v, problems));
}
