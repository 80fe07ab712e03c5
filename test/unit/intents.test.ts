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
    ['which partnerships are due review', 'status'],
  ])('"%s" is %s', (text, name) => {
    expect(recogniseIntent(text).name).toBe(name);
  });

  it('reads a role assignment, keeping the name as written', () => {
    expect(recogniseIntent('Make Helen Ward assistant director for Communities.')).toEqual({ name: 'assignRole', personName: 'Helen Ward', role: 'ad', area: 'Communities' });
    expect(recogniseIntent('make Sam Patel an SPO')).toEqual({ name: 'assignRole', personName: 'Sam Patel', role: 'spo' });
    expect(recogniseIntent('add Alex Green as leadership team')).toEqual({ name: 'assignRole', personName: 'Alex Green', role: 'leadership' });
  });
});

describe('exit interview requests', () => {
  it.each([
    ['exit interview for Youth Forum', 'Youth Forum'],
    ['Exit interview for the Rochford Community Safety Partnership.', 'Rochford Community Safety Partnership'],
    ["we're leaving the Youth Forum partnership", 'Youth Forum partnership'],
    ['We’re leaving the Youth Forum partnership', 'Youth Forum partnership'],
    ['we are pulling out of the Coastal Path Group', 'Coastal Path Group'],
    ['close the Youth Forum partnership', 'Youth Forum partnership'],
    ['start the exit for Youth Forum', 'Youth Forum'],
    ['start the exit for the Youth Forum partnership', 'Youth Forum partnership'],
    ['start an exit interview with CSP', 'CSP'],
  ])('"%s" starts the exit interview for %s', (text, partnershipName) => {
    expect(recogniseIntent(text)).toEqual({ name: 'exitInterview', partnershipName });
  });

  it('the help card button, "exit interview", asks which partnership', () => expect(recogniseIntent('exit interview')).toEqual({ name: 'exitInterview' }));

  it.each([
    ['show the exit document for Youth Forum', 'Youth Forum'],
    ['Show me the exit document for the Coastal Path Group?', 'Coastal Path Group'],
    ['view exit doc of CSP', 'CSP'],
  ])('"%s" shows the exit document of %s', (text, partnershipName) => {
    expect(recogniseIntent(text)).toEqual({ name: 'showExitDocument', partnershipName });
  });

  it('joining or starting a partnership is still a new partnership', () => {
    expect(recogniseIntent('start a partnership with the Youth Forum').name).toBe('newPartnership');
    expect(recogniseIntent("we're joining a partnership").name).toBe('newPartnership');
  });
});

describe('a self-assessment year named in words (issue 18 item 2)', () => {
  it.each([
    ['close the 2026/27 self-assessment for CSP', { name: 'closeSelfAssessment', year: '2026/27', partnershipName: 'csp' }],
    ['close the 2026-27 self assessment for the Youth Forum', { name: 'closeSelfAssessment', year: '2026/27', partnershipName: 'youth forum' }],
    ['the 2026/27 self-assessment for CSP', { name: 'selfAssessment', year: '2026/27', partnershipName: 'csp' }],
    ['close the self-assessment for CSP', { name: 'closeSelfAssessment', partnershipName: 'csp' }],
    ['close the 2026/28 self-assessment for CSP', { name: 'closeSelfAssessment', partnershipName: 'csp' }],
  ])('"%s"', (text, intent) => {
    expect(recogniseIntent(text)).toEqual(intent);
  });
});
