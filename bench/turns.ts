/**
 * `npm run turns`: how many turns each questionnaire takes an officer, counted
 * over HTTP as Teams runs it (the bot answers through a connector on loopback).
 * A scripted officer answers every card by clicking; the script prints officer
 * turns, card submits, cards sent, cards changed in place and duplicate live
 * cards (questionnaire cards still showing Next or Submit besides the current
 * one), against the budgets of issue 17. Exit code 1 when a budget is missed.
 */
import { runTurnFlows, TURN_BUDGETS } from '../test/support/turnFlows.js';

const results = await runTurnFlows();
const rows = results.map((r) => ({
  flow: r.flow,
  'officer turns': r.count.officerTurns,
  'card submits': r.count.cardSubmits,
  'budget (submits)': TURN_BUDGETS[r.flow],
  'cards sent': r.count.cardsSent,
  'changed in place': r.count.cardsUpdated,
  'duplicate live cards': r.count.duplicateLiveCards,
  questions: r.count.questionsAsked,
}));
console.table(rows);
const missed = results.filter((r) => r.count.cardSubmits > TURN_BUDGETS[r.flow] || r.count.duplicateLiveCards > 0);
for (const r of missed) process.stdout.write(`MISSED: ${r.flow} (${r.count.cardSubmits} submits, ${r.count.duplicateLiveCards} duplicate live cards)\n`);
process.exit(missed.length > 0 ? 1 : 0);
