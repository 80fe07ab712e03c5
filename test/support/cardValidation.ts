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
  context.setElementRegistry(teamsElementRegistry());
  parsed.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  collectEmptyText(json, problems);
  chartProblems(json, problems);
  return problems;
}

/**
 * Teams hosts add chart elements to Adaptive Cards. The library lets a host
 * register its own elements; we register the charts the bot sends and check
 * their data ourselves (chartProblems), so the rest of the card is validated
 * exactly as before.
 */
const TEAMS_CHARTS = ['Chart.VerticalBar.Grouped', 'Chart.Line', 'Chart.VerticalBar', 'Chart.HorizontalBar', 'Chart.Pie', 'Chart.Donut'] as const;

function teamsElementRegistry(): AdaptiveCardsTypes.CardObjectRegistry<AdaptiveCardsTypes.CardElement> {
  const registry = new AC.CardObjectRegistry<AdaptiveCardsTypes.CardElement>();
  AC.GlobalRegistry.populateWithDefaultElements(registry);
  for (const typeName of TEAMS_CHARTS) {
    class TeamsChart extends AC.CardElement {
      getJsonTypeName(): string {
        return typeName;
      }
      protected internalRender(): undefined {
        return undefined;
      }
    }
    registry.register(typeName, TeamsChart, AC.Versions.v1_5);
  }
  return registry;
}

function chartProblems(node: unknown, problems: string[]): void {
  if (Array.isArray(node)) return node.forEach((n) => chartProblems(n, problems));
  if (typeof node !== 'object' || node === null) return;
  const element = node as Record<string, unknown>;
  if (typeof element['type'] === 'string' && (TEAMS_CHARTS as readonly string[]).includes(element['type'])) {
    const data = element['data'];
    if (!Array.isArray(data) || data.length === 0) problems.push(`${element['type']} has no data`);
    if (element['fallback'] === undefined) problems.push(`${element['type']} has no fallback for clients without charts`);
    if (element['type'] === 'Chart.VerticalBar.Grouped' && Array.isArray(data)) {
      for (const series of data as Array<Record<string, unknown>>) {
        if (typeof series['legend'] !== 'string' || !Array.isArray(series['values'])) problems.push('a grouped bar series needs a legend and values');
        else for (const v of series['values'] as Array<Record<string, unknown>>) if (typeof v['x'] !== 'string' || typeof v['y'] !== 'number') problems.push('a bar value needs a text x and a number y');
      }
    }
    return;
  }
  Object.values(element).forEach((v) => chartProblems(v, problems));
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
