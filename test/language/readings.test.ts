import { describe, expect, it } from 'vitest';
import type { Understanding } from '../../src/language/understanding.js';
import { fixtureLanguage } from '../support/languageFixture.js';
import { PHRASING_DAY } from './phrasingSet.js';

/** Readings the held-out set showed going wrong, for reasons in the pipeline rather than the training utterances. */
async function read(text: string): Promise<Understanding> {
  const { language, names } = await fixtureLanguage();
  return language.understand(text, { today: PHRASING_DAY, names });
}

function entitiesOf(understood: Understanding): Array<[string, string, boolean]> {
  return 'reading' in understood ? understood.reading.entities.map((e) => [e.type, e.value, e.unresolved === true]) : [];
}

describe('entities and words the classifier is given', () => {
  it('finds a partnership by its name without the place, after "the", but not a new one described so', async () => {
    expect(entitiesOf(await read('what stage is the town centre partnership at'))).toContainEqual(['partnership', 'rtcp', false]);
    const described = await read('register a new town centre partnership with Essex Police');
    expect(entitiesOf(described).filter(([type]) => type === 'partnership')).toEqual([]);
  }, 60_000);

  it('takes no figure for a name: an amount typed as an answer is not a partnership to look up', async () => {
    for (const text of ['£2,000 a month', '10 hours a week', '£24,000']) {
      expect(entitiesOf(await read(text)).filter(([type]) => type === 'partnership' || type === 'person'), text).toEqual([]);
    }
    // A name may still start with a digit.
    const understood = await read('new partnership with 3SC and Essex Police');
    expect('reading' in understood && understood.reading.data['partnerNames']).toEqual(['3SC', 'Essex Police']);
  }, 60_000);

  it('names as partners only the organisations, not what the partnership is for', async () => {
    const partners = async (text: string) => {
      const understood = await read(text);
      return 'reading' in understood ? understood.reading.data['partnerNames'] : undefined;
    };
    // Straight after a partner the register knows, a preposition starts the purpose.
    expect(await partners('we are setting up a new partnership with Essex Police on a community safety scheme')).toEqual(['Essex Police']);
    expect(await partners('a new partnership with Essex Police and Age Concern for the town centre')).toEqual(['Essex Police', 'Age Concern']);
    // Inside a new name, only a preposition and an article end it: names use prepositions of their own.
    expect(await partners('new partnership with Sanctuary Housing on the estate regeneration')).toEqual(['Sanctuary Housing']);
    expect(await partners('new partnership with Action on Hearing Loss and the Council for Voluntary Service')).toEqual(['Action on Hearing Loss', 'Council for Voluntary Service']);
    expect(await partners('register a new partnership with Homes England, Sanctuary Housing and Essex Police')).toEqual(['Homes England', 'Sanctuary Housing', 'Essex Police']);
  }, 60_000);

  it('does not act on a message whose only known words say nothing of what is wanted', async () => {
    // Before: the whole register listed, a partnership called "confused" looked up, the approvals shown.
    for (const text of ['where is the coffee', 'what is it']) expect((await read(text)).kind, text).toBe('notUnderstood');
    // Being confused may fairly be answered with help, but never with a register lookup.
    const confused = await read("I'm confused");
    expect(confused.kind === 'notUnderstood' || ('reading' in confused && confused.reading.intent === 'help'), JSON.stringify(confused)).toBe(true);
    // Small talk is all such words, and still understood.
    const who = await read('who are you then');
    expect('reading' in who && who.reading.intent).toBe('whoAreYou');
    // A known word that carries the request is enough.
    const overdue = await read("what's overdue");
    expect(overdue.kind === 'act' && overdue.reading.intent).toBe('askOverdue');
  }, 60_000);

  it('reads "before Christmas" as the next Christmas Day', async () => {
    const understood = await read('reviews due before Christmas');
    expect(understood.kind === 'act' && understood.reading.intent).toBe('askDueReview');
    expect(entitiesOf(understood)).toContainEqual(['period', 'until:2026-12-25', false]);
  }, 60_000);

  it('never takes an indefinite pronoun for a name the register does not know', async () => {
    const understood = await read('has anyone changed the youth forum lately');
    expect(entitiesOf(understood)).toEqual([['partnership', 'ayf', false]]);
  });

  it('keeps words that only look like slips of commoner ones: "exited" is not "edited"', async () => {
    const exited = await read('what have we exited');
    expect(exited.kind).toBe('act');
    expect('reading' in exited && exited.reading.intent).toBe('askExits');
    const edited = await read('what have we edited');
    expect('reading' in edited && edited.reading.intent).not.toBe('askExits');
  });

  it('reads "previous years" as years gone by, not as last council year', async () => {
    expect(entitiesOf(await read('scores for the youth forum in previous years')).filter(([type]) => type === 'period')).toEqual([]);
    expect(entitiesOf(await read('partnerships started in the previous year'))).toContainEqual(['period', 'year:last', false]);
  });

  it('reads a partnership named with "the" as it reads the name alone', async () => {
    const score = (u: Understanding) => ('reading' in u ? [u.reading.intent, u.reading.score.toFixed(6)] : []);
    expect(score(await read('who should I talk to about the youth forum'))).toEqual(score(await read('who should I talk to about youth forum')));
    expect(score(await read('how risky is the Beta Arts Trust'))).toEqual(score(await read('how risky is Beta Arts Trust')));
  });

  it('reads "most recently" as newest first', async () => {
    expect(entitiesOf(await read('which partnership did we set up most recently'))).toContainEqual(['order', 'started:desc', false]);
  });
});
