/** The parts of NLP.js (https://github.com/axa-group/nlp.js) this bot uses; the packages ship no types. */
declare module '@nlpjs/nlp' {
  export interface Classification {
    intent: string;
    score: number;
  }
  export class Nlp {
    constructor(settings?: Record<string, unknown>);
    container: { use(plugin: unknown): void };
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    nluManager: { process(locale: string, utterance: string): Promise<{ classifications: Classification[] }> };
  }
  const nlp: { Nlp: typeof Nlp };
  export default nlp;
}

declare module '@nlpjs/lang-en-min' {
  const lang: { LangEn: unknown };
  export default lang;
}
