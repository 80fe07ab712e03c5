import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startTestBot, type TestBot } from '../support/botHarness.js';
import {
  launchChromium,
  playgroundUi,
  startPlayground,
  withFailureArtifacts,
  TEST_OUTPUT_DIR,
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

  it('fills a section card by clicking: a follow-up and an error appear on the same card, the answered section becomes a one-line summary, and at 320 px no label is cut', async () => {
    const artifacts = () => ({ page: browser?.page, logs: { playground: playground?.output() ?? '' } });
    await withFailureArtifacts('agents-playground-section-card', artifacts, async () => {
      const page = browser!.page;
      // A fresh page load is a fresh chat, so this test does not lean on the one before.
      await page.goto(playground!.url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
      const cards = page.locator(playgroundUi.card);
      await cards.filter({ hasText: WELCOME }).first().waitFor({ timeout: 60_000 });
      await say(page, 'practice');

      const sectionCards = cards.filter({ hasText: 'Have you used the Partnership Toolkit before?' });
      const section = sectionCards.last();
      await section.waitFor(WAIT);
      expect(await section.innerText()).toContain('section 1 of 3');
      await section.getByText('Not sure', { exact: true }).click(WAIT);
      await section.getByRole('textbox').first().fill('Plan a new partnership');
      await section.getByText('Member', { exact: true }).click(WAIT);
      await section.getByText('None of these', { exact: true }).click(WAIT);
      await section.getByRole('button', { name: 'Next' }).click(WAIT);

      // "None of these" brings its follow-up onto the same card (Action.Execute answered with the updated card).
      const followUp = cards.filter({ hasText: 'Why does it not support any of the priorities?' });
      await followUp.first().waitFor(WAIT);
      expect(await sectionCards.count(), 'the card changed in place: no second copy').toBe(1);
      expect(await followUp.count()).toBe(1);
      await followUp.first().getByRole('textbox').last().fill('It is a practice');
      await followUp.first().getByRole('button', { name: 'Next' }).click(WAIT);

      // The answered section becomes one line; the next section arrives as the one live card.
      const done = cards.filter({ hasText: '✓ About the practice' });
      await done.first().waitFor(WAIT);
      expect(await done.count()).toBe(1);
      expect(await done.first().locator('input').count()).toBe(0);
      const figures = cards.filter({ hasText: 'Figures and dates' }).last();
      await figures.waitFor(WAIT);
      expect(await cards.filter({ has: page.getByRole('button', { name: 'Next' }) }).count()).toBe(1);

      // An amount the bot cannot read: the bot's error shows on its field, on this same card.
      await figures.getByRole('textbox').first().fill('lots');
      await figures.getByText('Yes', { exact: true }).first().click(WAIT);
      await figures.getByText('Open-ended', { exact: true }).click(WAIT);
      await figures.getByRole('button', { name: 'Next' }).click(WAIT);
      await figures.getByText('Please give an amount in pounds', { exact: false }).first().waitFor(WAIT);
      expect(await cards.filter({ hasText: 'Figures and dates' }).count()).toBe(1);

      // Typed answers fill the live card in place.
      await say(page, '5k');
      await say(page, 'skip');
      await say(page, 'no');
      const partners = cards.filter({ hasText: 'Who are the partners?' }).last();
      await partners.waitFor(WAIT);
      expect(await cards.filter({ hasText: '✓ Figures and dates' }).count()).toBe(1);

      // At phone width the partners' rows stack: every label fits inside the card, none is cut. The
      // Playground's own layout does not shrink its chat column below about 450 px, so the card itself
      // is set to 320 px wide, as a phone's Teams shows it.
      await page.setViewportSize({ width: 320, height: 900 });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await partners.evaluate((card: any) => {
        card.style.width = '320px';
        card.style.maxWidth = '320px';
        card.style.minWidth = '0';
      });
      await partners.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
      await partners.screenshot({ path: join(TEST_OUTPUT_DIR, 'playground-partners-320px.png') });
      // Runs in the browser; the project's types have no DOM library, hence the loose typing.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const cut = await partners.evaluate((card: any) => {
        const box = card.getBoundingClientRect();
        const problems: string[] = [];
        for (const input of Array.from(card.querySelectorAll('input, select, textarea, [role="combobox"]')) as any[]) {
          const r = input.getBoundingClientRect();
          if (r.width === 0) continue;
          // A 3- or 4-column grid gives each input a third of the card or less; stacked rows give the full width.
          const kind = String(input.getAttribute('type') ?? '');
          if (kind !== 'radio' && kind !== 'checkbox' && r.width < box.width * 0.6) problems.push(`input squeezed into a column (${Math.round(r.width)} px of ${Math.round(box.width)}): ${input.getAttribute('placeholder') ?? ''}`);
          if (r.right > box.right + 1 || r.left < box.left - 1) problems.push(`input outside the card: ${Math.round(r.left)}-${Math.round(r.right)} in ${Math.round(box.left)}-${Math.round(box.right)}`);
          const labelId = input.getAttribute('aria-labelledby')?.split(' ')[0];
          const label = labelId ? card.ownerDocument.getElementById(labelId) : null;
          if (label && label.scrollWidth > label.clientWidth + 1) problems.push(`label cut: ${label.textContent}`);
          if (label) {
            // The label's text itself (not its block), against the input below it.
            const range = card.ownerDocument.createRange();
            range.selectNodeContents(label);
            const text = range.getBoundingClientRect();
            if (text.width > r.width + 1) problems.push(`input narrower than its label: ${label.textContent}`);
            if (text.right > box.right + 1) problems.push(`label outside the card: ${label.textContent}`);
          }
        }
        for (const text of Array.from(card.querySelectorAll('.ac-textBlock, label')) as any[]) {
          if (text.scrollWidth > text.clientWidth + 1) problems.push(`text cut: ${text.textContent}`);
        }
        return problems;
      });
      expect(cut).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  }, 120_000);
});

describe('the Action.Submit fallback in Microsoft 365 Agents Playground (CARD_ACTIONS=submit, as a client without Universal Actions)', () => {
  let bot: TestBot | undefined;
  let playground: Playground | undefined;
  let browser: TestBrowser | undefined;

  beforeAll(async () => {
    bot = await startTestBot({ env: { CARD_ACTIONS: 'submit' } });
    playground = await startPlayground({ botUrl: bot.url });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    const results = await Promise.allSettled([browser?.close(), playground?.stop()]);
    results.push(...(await Promise.allSettled([bot?.close()])));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  }, 30_000);

  it('a follow-up appears on the same card, updated through the connector: no second copy', async () => {
    const artifacts = () => ({ page: browser?.page, logs: { playground: playground?.output() ?? '' } });
    await withFailureArtifacts('agents-playground-submit-fallback', artifacts, async () => {
      const page = browser!.page;
      await page.goto(playground!.url, { waitUntil: 'commit', timeout: 30_000 });
      const cards = page.locator(playgroundUi.card);
      await cards.filter({ hasText: WELCOME }).first().waitFor({ timeout: 60_000 });
      await say(page, 'practice');
      const sectionCards = cards.filter({ hasText: 'Have you used the Partnership Toolkit before?' });
      const section = sectionCards.last();
      await section.waitFor(WAIT);
      await section.getByText('Yes', { exact: true }).click(WAIT);
      await section.getByRole('textbox').first().fill('Plan a new partnership');
      await section.getByText('Lead', { exact: true }).click(WAIT);
      await section.getByText('None of these', { exact: true }).click(WAIT);
      await section.getByRole('button', { name: 'Next' }).click(WAIT);
      const followUp = cards.filter({ hasText: 'Why does it not support any of the priorities?' });
      await followUp.first().waitFor(WAIT);
      expect(await sectionCards.count(), 'updated in place: no second copy').toBe(1);
    });
  }, 120_000);
});

async function say(page: Page, words: string): Promise<void> {
  const before = await page.locator(playgroundUi.card).count();
  await page.locator(playgroundUi.composeBox).click(WAIT);
  await page.keyboard.type(words);
  await page.locator(playgroundUi.sendButton).click(WAIT);
  // Let the bot answer before the next message (a reply or an in-place update).
  await page.waitForTimeout(700);
  void before;
}

async function expectButton(card: Locator, name: string): Promise<void> {
  const button = card.getByRole('button', { name });
  await button.waitFor(WAIT);
  expect(await button.isVisible()).toBe(true);
}
