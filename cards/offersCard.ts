import { actionButton, adaptiveCard, paragraph, type AdaptiveCardJson } from './cardTypes.js';

/** A button for something the bot can do: its words and the verb and data it asks for. */
export interface Offer {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

export interface OffersCardModel {
  /** One line: a friendly answer, or what was not understood (already made safe for markdown). */
  lead: string;
  offers: Offer[];
  /** A smaller line under it. */
  hint?: string;
}

/** A short answer with three or four buttons: small talk, "did you mean", not understood. Pure. */
export function offersCard(model: OffersCardModel): AdaptiveCardJson {
  return adaptiveCard(
    [paragraph(model.lead), ...(model.hint ? [paragraph(model.hint, { isSubtle: true, size: 'Small' })] : [])],
    model.offers.map((o) => actionButton(o.title, o.verb, o.data)),
  );
}
