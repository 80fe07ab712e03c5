/**
 * Adaptive Card JSON as plain data. Builders in this folder are pure functions
 * from a view model to this shape; they import nothing from the bot SDK.
 */
export type CardElement = Record<string, unknown> & { type: string };

export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: Record<string, unknown>;
  [extra: string]: unknown;
}

export function adaptiveCard(body: CardElement[], actions?: CardElement[]): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

export function heading(text: string): CardElement {
  return { type: 'TextBlock', text, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' };
}

export function paragraph(text: string, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/** A button that sends a command as if the officer had typed it. */
export function commandButton(title: string, command: string, style?: 'positive' | 'destructive'): CardElement {
  return { type: 'Action.Submit', title, data: { command }, ...(style ? { style } : {}) };
}
