import { Analyzer, romajiBigrams } from '../../../src/engine/text/analyzer';
import { languageProfiles } from '../../helpers';

const analyzer = new Analyzer(languageProfiles());

describe('Analyzer phrases', () => {
  it.each([
    ['Hello Work', 'en'],
    ['hello-work', 'en'],
    ['HELLO WORK', 'pt'],
    ['ハローワーク', 'ja'],
    ['はろーわーく', 'ja'],
    ['harowaku', 'vi'],
    ['職安', 'ja'],
  ])('%s (%s) becomes the one term "hellowork"', (text, lang) => {
    expect(analyzer.terms(text, lang)).toEqual(['hellowork']);
  });

  it('reads 〜はいますか by its content: ICU cuts it as はい/ます/か, and はい carries nothing', () => {
    const terms = analyzer.terms('通訳の人はいますか', 'ja');
    expect(terms).toContain('通訳');
    expect(terms).not.toContain('はい');
    expect(terms).not.toContain('人は');
  });

  it('applies a phrase of another language inside a sentence ("hello work ở đâu")', () => {
    expect(analyzer.terms('hello work ở đâu', 'vi')).toEqual([
      'hellowork',
      'odau',
      'hellowork_odau',
    ]);
  });

  it('pairs adjacent Vietnamese syllables, which carry the meaning together', () => {
    expect(analyzer.terms('thuế thu nhập', 'vi')).toEqual([
      'thue',
      'thu',
      'nhap',
      'thue_thu',
      'thu_nhap',
    ]);
    expect(analyzer.terms('income tax', 'en')).toEqual(['income', 'tax']);
  });

  it('rewrites a Latin phrase only at word boundaries', () => {
    expect(analyzer.terms('othello work', 'en')).not.toContain('hellowork');
  });

  it('meets Japanese and romaji forms of the same place', () => {
    expect(analyzer.terms('市役所', 'ja')).toEqual(['cityhall']);
    expect(analyzer.terms('City Hall', 'en')).toEqual(['cityhall']);
  });
});

describe('Analyzer synonyms', () => {
  it.each([
    ['jobs', 'en', 'job'],
    ['employment', 'en', 'job'],
    ['signing', 'en', 'ceremony'],
    ['pact', 'en', 'agreement'],
    ['labor', 'en', 'labour'],
    ['cerimônia', 'pt', 'cerimonia'],
    ['convênio', 'pt', 'acordo'],
    ['vagas', 'pt', 'emprego'],
  ])('%s (%s) maps to its group head %s', (word, lang, head) => {
    expect(analyzer.terms(word, lang)).toEqual([head]);
  });

  it('maps a group head to itself', () => {
    expect(analyzer.canonical('ceremony', 'en')).toBe('ceremony');
  });
});

describe('Analyzer suffix rules', () => {
  it.each([
    ['cities', 'en', 'city'],
    ['seminars', 'en', 'seminar'],
    ['offices', 'en', 'office'],
    ['empresas', 'pt', 'empresa'],
    ["city's", 'en', 'city'],
  ])('%s (%s) → %s', (word, lang, stem) => {
    expect(analyzer.canonical(word, lang)).toBe(stem);
  });

  it('leaves words of four letters or fewer alone', () => {
    expect(analyzer.canonical('bus', 'en')).toBe('bus');
    expect(analyzer.canonical('news', 'en')).toBe('news');
  });

  it("applies only the text's language's rules", () => {
    expect(analyzer.canonical('cities', 'vi')).toBe('cities');
  });

  it('maps a stem to its synonym head ("ceremonies" → "ceremony")', () => {
    expect(analyzer.canonical('ceremonies', 'en')).toBe('ceremony');
  });
});

describe('Analyzer tokens', () => {
  it('gives Japanese chunks their bigrams and Latin words their canonical term', () => {
    expect(analyzer.tokens('締結式 jobs', 'ja')).toEqual([
      { kind: 'cjk', raw: '締結式', terms: ['締結', '結式'] },
      { kind: 'word', raw: 'jobs', terms: ['job'] },
    ]);
  });

  it('applies synonyms across languages, suffix rules only in their own', () => {
    expect(analyzer.terms('employment', 'vi')).toEqual(['job']);
    expect(analyzer.terms('seminars', 'vi')).toEqual(['seminar']);
    expect(analyzer.terms('offices', 'vi')).toEqual(['offices']);
  });

  it("reads a possessive typed with a phone's curly apostrophe as the word itself", () => {
    expect(analyzer.terms('the city’s agreement', 'en')).toEqual(
      analyzer.terms('city agreement', 'en'),
    );
    expect(analyzer.terms('I’m looking for work', 'en')).toEqual(
      analyzer.terms("I'm looking for work", 'en'),
    );
  });

  it('keeps Vietnamese words apart that fold to the same syllable (hỗ trợ, vai trò)', () => {
    const support = analyzer.terms('ho tro', 'vi');
    const role = analyzer.terms('vai trò', 'vi');
    expect(support.filter((t) => role.includes(t))).toEqual([]);
  });

  it("drops chat abbreviations that only carry grammar (ko, gente, it's)", () => {
    expect(analyzer.terms('co hoi cho nguoi nuoc ngoai ko', 'vi')).toEqual(
      analyzer.terms('co hoi cho nguoi nuoc ngoai', 'vi'),
    );
    expect(analyzer.terms('gente, onde fica a hello work', 'pt')).toEqual(
      analyzer.terms('onde fica a hello work', 'pt'),
    );
    expect(analyzer.terms("it's about the agreement", 'en')).toEqual(['agreement']);
  });

  it("drops the language's stop phrases of several words (nghe nói, por favor)", () => {
    expect(analyzer.terms('nghe nói hello work ở đâu', 'vi')).toEqual(
      analyzer.terms('hello work ở đâu', 'vi'),
    );
    expect(analyzer.terms('por favor, onde fica a hello work', 'pt')).toEqual(
      analyzer.terms('onde fica a hello work', 'pt'),
    );
  });

  it("drops the text's language's stop words", () => {
    expect(analyzer.terms('What is the agreement?', 'en')).toEqual(['agreement']);
    expect(analyzer.terms('o que é o acordo?', 'pt')).toEqual(['acordo']);
  });
});

describe('romajiBigrams', () => {
  it('reads a word that converts wholly to kana as kana bigrams', () => {
    expect(romajiBigrams('choinshiki')).toEqual(['ちょ', 'ょい', 'いん', 'んし', 'しき']);
    expect(romajiBigrams('itsu')).toEqual(['いつ']);
  });

  it.each(['hello', 'work', 'ab', 'Itsu', 'itsu2'])('does not read %j as romaji', (word) => {
    expect(romajiBigrams(word)).toEqual([]);
  });
});

describe('Analyzer.messageTokens', () => {
  const weights = (text: string, lang: string) =>
    analyzer.messageTokens(text, lang, 1.5).map((t) => [t.raw, t.weight ?? 1]);

  it('weighs the words of the sentence that asks above the story around it', () => {
    expect(weights('My cousin moved to Isesaki. Where is Hello Work?', 'en')).toEqual([
      ['cousin', 1],
      ['moved', 1],
      ['isesaki', 1],
      ['where', 1.5],
      ['hellowork', 1.5],
    ]);
  });

  it('reads Japanese sentence ends, and the last sentence asks when none has a question mark', () => {
    const ja = weights('工場で働いています。ハローワークの場所を知りたい', 'ja');
    expect(ja).toContainEqual(['場所', 1.5]);
    expect(ja).toContainEqual(['工場', 1]);
  });

  it('leaves a one-sentence message, a decimal and a web address alone', () => {
    expect(weights('Where is Hello Work?', 'en').every(([, w]) => w === 1)).toBe(true);
    expect(
      weights('I earn 3.5 man a week at city.isesaki.lg.jp', 'en').every(([, w]) => w === 1),
    ).toBe(true);
  });
});
