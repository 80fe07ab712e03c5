import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BankCatalogue, BankError, parseBankFile } from '../../src/questionnaire/bankCatalogue.js';
import { loadRiskScale } from '../../src/domain/riskScale.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const scale = loadRiskScale(fileURLToPath(new URL('../../config/risk-scale.json', import.meta.url)));
const scale5 = loadRiskScale(fixture('config/risk-scale-5x5.json'));

const minimal = (questions: unknown[]) =>
  JSON.stringify({ id: 'demo', version: 1, title: 'Demo', sections: [{ id: 's', title: 'S', questions }] });

describe('question banks', () => {
  it('loads every version of the shipped banks', () => {
    const catalogue = BankCatalogue.loadFromDirectory(fileURLToPath(new URL('../../banks', import.meta.url)), scale);
    expect(catalogue.latest('practice')?.title).toBe('Practice questionnaire');
  });

  it('keeps older versions next to the latest', () => {
    const catalogue = BankCatalogue.loadFromDirectory(fixture('banks-v2'), scale);
    expect(catalogue.latest('engine')?.version).toBe(2);
    expect(catalogue.version('engine', 1)?.sections[0]?.questions[0]?.prompt).toBe('Is the sky blue?');
  });

  it('names the file and the question when a condition refers to an unknown question', () => {
    expect(() => BankCatalogue.loadFromDirectory(fixture('banks-broken'), scale)).toThrow(
      /banks-broken\/engine\.v1\.json: question choice: its condition refers to "nope", which is not an earlier question/,
    );
  });

  it.each([
    [[{ id: 'a', type: 'choice', prompt: 'Pick', options: [{ value: 'x', label: 'X' }] }], 'question a, field options'],
    [[{ id: 'a', type: 'sliders', prompt: 'Pick' }], 'question a'],
    [[{ id: 'a', type: 'text', prompt: '' }], 'question a, field prompt'],
    [[{ id: 'a', type: 'text', prompt: 'A' }, { id: 'a', type: 'text', prompt: 'B' }], 'question a: the id is used twice'],
    [[{ id: 'a', type: 'number', prompt: 'N', min: 5, max: 1 }], 'question a: min is greater than max'],
    [[{ id: 'a', type: 'multiChoice', prompt: 'M', exclusiveOption: 'zz', options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }] }], 'exclusiveOption "zz"'],
    [[{ id: 'a', type: 'text', prompt: 'A', condition: { question: 'a', equals: 'x' } }], 'its condition refers to itself'],
  ])('rejects a mistake with a message naming the question: %#', (questions, message) => {
    expect(() => parseBankFile('banks/demo.v1.json', 'demo.v1.json', minimal(questions))).toThrow(BankError);
    expect(() => parseBankFile('banks/demo.v1.json', 'demo.v1.json', minimal(questions))).toThrow(message);
  });

  it('rejects a file whose name disagrees with its id or version, and broken JSON', () => {
    expect(() => parseBankFile('banks/demo.v2.json', 'demo.v2.json', minimal([{ id: 'a', type: 'text', prompt: 'A' }]))).toThrow('its name says "demo" version 2');
    expect(() => parseBankFile('banks/demo.v1.json', 'demo.v1.json', '{ nope')).toThrow('banks/demo.v1.json: not valid JSON');
    expect(() => parseBankFile('banks/demo.json', 'demo.json', '{}')).toThrow('<bank id>.v<version>.json');
  });
});

describe('banks fit the configured risk scale (issue 18 item 8)', () => {
  const riskBank = (question: Record<string, unknown>) =>
    JSON.stringify({ id: 'demo', version: 1, title: 'Demo', sections: [{ id: 'risk', title: 'Risk', questions: [{ id: 'R_x_l', type: 'choice', prompt: 'How likely?', meta: { risk: { category: 'x', field: 'likelihood' } }, ...question }] }] });

  it('refuses a bank whose risk questions list levels other than the scale\'s, in one line naming the file and the question', () => {
    expect(() => BankCatalogue.loadFromDirectory(fixture('banks-risk-misfit'), scale5)).toThrow(BankError);
    expect(() => BankCatalogue.loadFromDirectory(fixture('banks-risk-misfit'), scale5)).toThrow(
      /banks-risk-misfit\/risk-demo\.v1\.json: question R_demo_l offers likelihood levels 1 to 4, but the risk scale "5 x 5 matrix" has 1 to 5/,
    );
    // The same bank fits the 4 x 4 scale it was written for.
    expect(BankCatalogue.loadFromDirectory(fixture('banks-risk-misfit'), scale).latest('risk-demo')).toBeDefined();
  });

  it('keeps an older version that does not fit for the drafts started on it, and says so', () => {
    const catalogue = BankCatalogue.loadFromDirectory(fileURLToPath(new URL('../../banks', import.meta.url)), scale5);
    expect(catalogue.version('new-partnership', 1)).toBeDefined();
    expect(catalogue.warnings).toEqual([expect.stringMatching(/new-partnership\.v1\.json: question R_strategic_l offers likelihood levels 1 to 4, .*drafts started on this version finish on its own levels/)]);
    expect(BankCatalogue.loadFromDirectory(fileURLToPath(new URL('../../banks', import.meta.url)), scale).warnings).toEqual([]);
  });

  it('takes options from the scale, and refuses a question that lists its own as well or names no scale', () => {
    const bound = parseBankFile('banks/demo.v1.json', 'demo.v1.json', riskBank({ optionsFrom: 'likelihood' }), scale5).sections[0]!.questions[0]!;
    expect(bound.type === 'choice' && bound.options.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(() => parseBankFile('banks/demo.v1.json', 'demo.v1.json', riskBank({ optionsFrom: 'likelihood', options: [{ value: '1', label: '1' }, { value: '2', label: '2' }] }), scale5)).toThrow(
      'banks/demo.v1.json: question R_x_l: takes its options from the risk scale ("optionsFrom"), so it cannot list its own as well',
    );
    expect(() => parseBankFile('banks/demo.v1.json', 'demo.v1.json', riskBank({ optionsFrom: 'likelihood' }))).toThrow('banks/demo.v1.json: question R_x_l: takes its options from the risk scale, but no risk scale was given');
  });

  it('reads a score threshold from the scale: the lowest score of the first band that needs action', () => {
    const bank = JSON.stringify({
      id: 'demo', version: 1, title: 'Demo', sections: [{ id: 's', title: 'S', questions: [
        { id: 'rl', type: 'choice', optionsFrom: 'likelihood', prompt: 'L', meta: { risk: { category: 'x', field: 'residualLikelihood' } } },
        { id: 'ri', type: 'choice', optionsFrom: 'impact', prompt: 'I', meta: { risk: { category: 'x', field: 'residualImpact' } } },
        { id: 'act', type: 'text', prompt: 'At {actionFrom} or more it is {actionBand}: what will be done?', condition: { score: ['rl', 'ri'], atLeast: 'action-band' } },
      ] }],
    });
    const four = parseBankFile('banks/demo.v1.json', 'demo.v1.json', bank, scale).sections[0]!.questions[2]!;
    expect([four.condition, four.prompt]).toEqual([{ score: ['rl', 'ri'], atLeast: 8 }, 'At 8 or more it is high: what will be done?']);
    expect(parseBankFile('banks/demo.v1.json', 'demo.v1.json', bank, scale5).sections[0]!.questions[2]!.condition).toEqual({ score: ['rl', 'ri'], atLeast: 10 });
  });
});
