import { describe, expect, it } from 'vitest';
import { recogniseIntent } from '../../src/conversation/intents.js';

describe('recognising requests in plain words', () => {
  it.each([
    'new partnership',
    'New partnership please',
    'I want to register a partnership',
    "we're thinking of joining a partnership",
    'Can we set up a partnership?',
    'start a new partnership',
  ])('"%s" starts a new partnership', (text) => {
    expect(recogniseIntent(text).name).toBe('newPartnership');
  });

  it('picks out a named first partner', () => {
    expect(recogniseIntent('I want to register a partnership with Essex Police')).toEqual({ name: 'newPartnership', partnerName: 'Essex Police' });
    expect(recogniseIntent('new partnership with the NHS Trust.')).toEqual({ name: 'newPartnership', partnerName: 'NHS Trust' });
  });

  it.each([
    ['practice', 'startPractice'],
    ['try the demo', 'startPractice'],
    ['continue', 'resume'],
    ['carry on', 'resume'],
    ['not now', 'notNow'],
    ['help', 'help'],
    ['which partnerships are due review', 'unknown'],
  ])('"%s" is %s', (text, name) => {
    expect(recogniseIntent(text).name).toBe(name);
  });

  it('reads a role assignment, keeping the name as written', () => {
    expect(recogniseIntent('Make Helen Ward assistant director for Communities.')).toEqual({ name: 'assignRole', personName: 'Helen Ward', role: 'ad', area: 'Communities' });
    expect(recogniseIntent('make Sam Patel an SPO')).toEqual({ name: 'assignRole', personName: 'Sam Patel', role: 'spo' });
    expect(recogniseIntent('add Alex Green as leadership team')).toEqual({ name: 'assignRole', personName: 'Alex Green', role: 'leadership' });
  });
});
