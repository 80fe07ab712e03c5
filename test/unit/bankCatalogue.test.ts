import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BankCatalogue, BankError, parseBankFile } from '../../src/questionnaire/bankCatalogue.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

const minimal = (questions: unknown[]) =>
  JSON.stringify({ id: 'demo', version: 1, title: 'Demo', sections: [{ id: 's', title: 'S', questions }] });

describe('question banks', () => {
  it('loads every version of the shipped banks', () => {
    const catalogue = BankCatalogue.loadFromDirectory(fileURLToPath(new URL('../../banks', import.meta.url)));
    expect(catalogue.latest('practice')?.title).toBe('Practice questionnaire');
  });

  it('keeps older versions next to the latest', () => {
    const catalogue = BankCatalogue.loadFromDirectory(fixture('banks-v2'));
    expect(catalogue.latest('engine')?.version).toBe(2);
    expect(catalogue.version('engine', 1)?.sections[0]?.questions[0]?.prompt).toBe('Is the sky blue?');
  });

  it('names the file and the question when a condition refers to an unknown question', () => {
    expect(() => BankCatalogue.loadFromDirectory(fixture('banks-broken'))).toThrow(
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
