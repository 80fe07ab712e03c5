import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/cardTypes.js';

/** A message carrying one Adaptive Card, with a text fallback for notifications and old clients. */
export function cardMessage(card: AdaptiveCardJson, summary?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary) activity.summary = summary;
  return activity;
}
