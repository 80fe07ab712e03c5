import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { startTestBot, type TestBot } from '../support/botHarness.js';
import {
  launchChromium,
  playgroundUi,
  startPlayground,
  withFailureArtifacts,
  type Playground,
  type TestBrowser,
} from '../support/agentsPlayground.js';

// The Teams client test: the real bot, Microsoft's Teams emulator and a real browser, asserted through the UI.

const WAIT = { timeout: 15_000 };
// Like Teams, the Playground's install and conversationUpdate activities carry no user name (only ids), so
// the welcome may or may not greet "Alex" (the Playground's user, Alex Wilber) by name.
const WELCOME = /welcome to the Partnership Toolkit/i;
const HELP_HEADING = 'What I can help with';

describe('the bot in Microsoft 365 Agents Playground (Teams emulator, headless Chromium)', () => {
  let bot: TestBot | undefined;
  let playground: Playground | undefined;
  let browser: TestBrowser | undefined;

  beforeAll(async () => {
    bot = await startTestBot();
    playground = await startPlayground({ botUrl: bot.url });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    // Every step runs even if an earlier one failed, so no process outlives the run.
    const results = await Promise.allSettled([browser?.close(), playground?.stop()]);
    results.push(...(await Promise.allSettled([bot?.close()])));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  }, 30_000);

  it('welcomes the user and shows the help card for typed "help" and for the welcome card\'s button', async () => {
    const artifacts = () => ({ page: browser?.page, logs: { playground: playground?.output() ?? '' } });
    await withFailureArtifacts('agents-playground', artifacts, async () => {
      const page = browser!.page;
      // Not 'domcontentloaded': parsing the Playground's 9 MB bundle takes 10 s and more on a busy 2-core
      // machine, so that wait is folded into the welcome's longer one.
      await page.goto(playground!.url, { waitUntil: 'commit', timeout: 30_000 });

      // Cards only: the log panel repeats the bot's texts outside any .ac-adaptiveCard.
      const cards = page.locator(playgroundUi.card);
      const welcomeCard = cards.filter({ hasText: WELCOME });
      const helpCards = cards.filter({ hasText: HELP_HEADING });

      // The welcome proves the whole loop: Playground → bot → Playground's connector → UI.
      await welcomeCard.first().waitFor({ timeout: 60_000 });
      expect(await helpCards.count()).toBe(0);

      await page.locator(playgroundUi.composeBox).click(WAIT);
      // Lexical's contenteditable does not support fill(): type it as a person would.
      await page.keyboard.type('help');
      await page.locator(playgroundUi.sendButton).click(WAIT);
      await helpCards.first().waitFor(WAIT);
      await expectButton(helpCards.first(), 'New partnership');

      await welcomeCard.first().getByRole('button', { name: 'What can you do?' }).click(WAIT);
      await helpCards.nth(1).waitFor(WAIT);
      await expectButton(helpCards.nth(1), 'New partnership');
      expect(await helpCards.count()).toBe(2);
    });
  }, 90_000);

  it('runs a practice question answered by clicking, and turns the answered card read-only', async () => {
    const artifacts = () => ({ page: browser?.page, logs: { playground: playground?.output() ?? '' } });
    await withFailureArtifacts('agents-playground-practice', artifacts, async () => {
      const page = browser!.page;
      // A fresh page load is a fresh chat, so this test does not lean on the one before.
      await page.goto(playground!.url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
      const cards = page.locator(playgroundUi.card);
      await cards.filter({ hasText: WELCOME }).first().waitFor({ timeout: 60_000 });
      await page.locator(playgroundUi.composeBox).click(WAIT);
      await page.keyboard.type('practice');
      await page.locator(playgroundUi.sendButton).click(WAIT);

      const question = cards.filter({ hasText: 'Have you used the Partnership Toolkit before?' }).last();
      await question.waitFor(WAIT);
      await question.getByText('Not sure', { exact: true }).click(WAIT);
      await question.getByRole('button', { name: 'Next' }).click(WAIT);

      // The next question arrives, and the answered card is replaced by a read-only copy.
      await cards.filter({ hasText: 'What would you like the toolkit to help you with?' }).first().waitFor(WAIT);
      const answered = cards.filter({ hasText: 'Answer saved' }).first();
      await answered.waitFor(WAIT);
      expect(await answered.innerText()).toContain('Not sure');
      expect(await answered.getByRole('button', { name: 'Next' }).count()).toBe(0);
      expect(await answered.locator('input').count()).toBe(0);
    });
  }, 90_000);
});

async function expectButton(card: Locator, name: string): Promise<void> {
  const button = card.getByRole('button', { name });
  await button.waitFor(WAIT);
  expect(await button.isVisible()).toBe(true);
}
