import { fold, foldKeepingKana } from '../../../src/engine/text/normalize';
import {
  bigrams,
  chunkBigrams,
  isCjk,
  splitCjk,
  tokenize,
  type Piece,
} from '../../../src/engine/text/tokenize';
import { languageProfiles } from '../../helpers';

function stopwordsOf(lang: string): Set<string> {
  const profile = languageProfiles().find((p) => p.code === lang);
  if (!profile) throw new Error(`no ${lang} profile`);
  return new Set(profile.stopwords.map(fold));
}

const texts = (pieces: Piece[]): string[] => pieces.map((p) => p.text);

describe('splitCjk (Japanese, with Intl.Segmenter)', () => {
  const ja = stopwordsOf('ja');

  it.each([
    ['締結式はいつですか', ['締結式', 'いつ']],
    ['調印式はいつですか', ['調印式', 'いつ']],
    ['締結式の会場はどこですか', ['締結式', '会場', 'どこ']],
    ['外国人の相談', ['外国人', '相談']],
  ])('cuts %s into content chunks %j, dropping particles', (text, expected) => {
    expect(texts(splitCjk(fold(text), ja))).toEqual(expected);
  });

  it('keeps the words of each chunk, which join back to the chunk', () => {
    const pieces = splitCjk('締結式はいつ', ja);
    expect(pieces).toHaveLength(2);
    for (const piece of pieces) {
      expect(piece.kind).toBe('cjk');
      if (piece.kind === 'cjk') expect(piece.words.join('')).toBe(piece.text);
    }
  });

  it('returns nothing for a run made only of particles', () => {
    expect(splitCjk('はの', ja)).toEqual([]);
  });
});

describe('bigrams', () => {
  it.each([
    ['締結式', ['締結', '結式']],
    ['いつ', ['いつ']],
    ['式', ['式']],
    ['', []],
  ])('of %j is %j', (text, expected) => {
    expect(bigrams(text)).toEqual(expected);
  });

  it('counts characters, not UTF-16 code units', () => {
    expect(bigrams('𠮷野家')).toEqual(['𠮷野', '野家']);
  });
});

describe('chunkBigrams', () => {
  it("makes no bigram from one word's kana ending into the next word's kanji (どんな|取り組み)", () => {
    const [chunk] = splitCjk('どんな取り組み', new Set());
    expect(chunk).toMatchObject({ kind: 'cjk', text: 'どんな取り組み' });
    const pairs = chunkBigrams(chunk!.text, chunk!.kind === 'cjk' ? chunk!.words : []);
    expect(pairs).not.toContain('な取');
    expect(pairs).toEqual(expect.arrayContaining(['どん', 'んな', '取り', '組み']));
  });

  it('keeps kanji into kana (okurigana split by ICU) and runs of kana', () => {
    expect(chunkBigrams('書いて', ['書', 'いて'])).toEqual(['書い', 'いて']);
    expect(chunkBigrams('ばしょ', ['ば', 'しょ'])).toEqual(['ばし', 'しょ']);
  });
});

describe('tokenize', () => {
  const en = stopwordsOf('en');

  it('keeps Latin words whole, with inner hyphens and apostrophes', () => {
    expect(tokenize(fold("Hello-Work office e-mail it's"), new Set())).toEqual([
      { kind: 'word', text: 'hello-work' },
      { kind: 'word', text: 'office' },
      { kind: 'word', text: 'e-mail' },
      { kind: 'word', text: "it's" },
    ]);
  });

  it('drops stop words', () => {
    expect(texts(tokenize(fold('Where is the signing ceremony?'), en))).toEqual([
      'where',
      'signing',
      'ceremony',
    ]);
  });

  it('splits mixed Latin and Japanese text into words and CJK chunks', () => {
    const pieces = tokenize(fold('hellowork 伊勢崎の場所'), stopwordsOf('ja'));
    expect(pieces.map((p) => [p.kind, p.text])).toEqual([
      ['word', 'hellowork'],
      ['cjk', '伊勢崎'],
      ['cjk', '場所'],
    ]);
  });

  it('cuts a Latin word written against Japanese without a space into its own word', () => {
    const pieces = tokenize(fold('ハローワークにinterpreterいますか'), stopwordsOf('ja'));
    expect(pieces.map((p) => [p.kind, p.text])).toContainEqual(['word', 'interpreter']);
    expect(
      pieces
        .filter((p) => p.kind === 'cjk')
        .map((p) => p.text)
        .join(''),
    ).not.toMatch(/[a-z]/);
  });

  it('keeps a katakana word with a long vowel mark whole (パート, センター)', () => {
    expect(texts(tokenize(foldKeepingKana('パートを探す'), stopwordsOf('ja')))[0]).toBe('ぱと');
    expect(texts(tokenize(foldKeepingKana('センター'), stopwordsOf('ja')))).toEqual(['せんた']);
  });

  it('drops a stop phrase of several words, even when one of its words is a stop word alone', () => {
    const vi = stopwordsOf('vi');
    expect(texts(tokenize(fold('ban be noi hello work'), vi, [['ban', 'be']]))).toEqual([
      'noi',
      'hello',
      'work',
    ]);
    expect(texts(tokenize(fold('be'), vi, [['ban', 'be']]))).toEqual(['be']);
  });

  it('ignores punctuation and symbols', () => {
    expect(tokenize('?!… 😀 ((', new Set())).toEqual([]);
  });
});

describe('isCjk', () => {
  it.each([
    ['締結式', true],
    ['はろわく', true],
    ['ハローワーク', true],
    ['hello', false],
    ['lễ ký kết', false],
  ])('%s → %s', (text, expected) => {
    expect(isCjk(text)).toBe(expected);
  });
});
