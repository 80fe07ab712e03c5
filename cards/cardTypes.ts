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

/**
 * A button for one of the bot's verbs: its data is the verb and what the verb
 * needs (the route table checks it on the server like anything typed).
 */
export function actionButton(title: string, verb: string, data: Record<string, unknown>, options: { style?: 'positive' | 'destructive'; withInputs?: boolean } = {}): CardElement {
  return {
    type: 'Action.Submit',
    title,
    data: { verb, ...data },
    ...(options.style ? { style: options.style } : {}),
    ...(options.withInputs ? { associatedInputs: 'auto' } : {}),
  };
}

/**
 * A button that says words for the officer, exactly as if they had typed them (verb `say`).
 * With `partnershipId`, the partnership the words name is that entry, whatever other entries share its name.
 */
export function commandButton(title: string, command: string, style?: 'positive' | 'destructive', partnershipId?: string): CardElement {
  return actionButton(title, 'say', { command, ...(partnershipId ? { partnershipId } : {}) }, style ? { style } : {});
}
