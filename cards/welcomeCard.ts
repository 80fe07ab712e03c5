import { adaptiveCard, commandButton, heading, paragraph, type AdaptiveCardJson } from './cardTypes.js';
import { plain } from './markdown.js';

export interface WelcomeCardModel {
  firstName?: string;
}

export function welcomeCard(model: WelcomeCardModel): AdaptiveCardJson {
  const greeting = model.firstName ? `Hello ${plain(model.firstName)}, welcome to the Partnership Toolkit` : 'Welcome to the Partnership Toolkit';
  return adaptiveCard(
    [
      heading(greeting),
      paragraph(
        "I help you run the council's Partnership Toolkit here in Teams: registering a new partnership, the annual self-assessment, exit interviews, and questions about the partnerships register.",
      ),
      paragraph('Type **help** at any time to see what I can do, or pick one of these to start.', { isSubtle: true }),
    ],
    [commandButton('What can you do?', 'help'), commandButton('New partnership', 'new partnership'), commandButton('My partnerships', 'my partnerships')],
  );
}
