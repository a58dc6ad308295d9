import { editDistance, FuzzyVocabulary } from '../../../src/engine/match/fuzzy';
import { DEFAULT_MATCH_OPTIONS } from '../../../src/engine/match/options';

describe('editDistance', () => {
  it.each([
    ['same', 'same', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['ceremony', 'cerimony', 1],
    ['ceremony', 'ceremoy', 1],
    ['ceremony', 'ceremonny', 1],
    ['ab', 'ba', 1],
    ['ceremony', 'ceremnoy', 1],
    ['agreement', 'aggrement', 2],
  ])('%j → %j is %d', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('FuzzyVocabulary', () => {
  const vocabulary = ['ceremony', 'certificate', 'city', 'date', 'agreement', 'hellowork'];
  const make = () => new FuzzyVocabulary(vocabulary, DEFAULT_MATCH_OPTIONS.fuzzy);

  it('corrects "cerimony" to "ceremony"', () => {
    expect(make().correct('cerimony')[0]?.term).toBe('ceremony');
  });

  it.each([
    ['ceremnoy', 'ceremony'],
    ['aggrement', 'agreement'],
    ['helowork', 'hellowork'],
    ['daet', 'date'],
  ])('corrects %j to %j', (typo, word) => {
    expect(
      make()
        .correct(typo)
        .map((c) => c.term),
    ).toContain(word);
  });

  it('gives similarities between 0 and 1', () => {
    for (const c of make().correct('cerimony')) {
      expect(c.similarity).toBeGreaterThan(0);
      expect(c.similarity).toBeLessThanOrEqual(1);
    }
  });

  it.each(['cty', 'dat', 'ag'])('does not correct the short word %j', (word) => {
    expect(make().correct(word)).toEqual([]);
  });

  it('does not correct a word that is far from every known word', () => {
    expect(make().correct('xylophone')).toEqual([]);
    expect(make().correct('cabbage')).toEqual([]);
  });

  it('caches: the same word gives the same answer object', () => {
    const fuzzy = make();
    const first = fuzzy.correct('cerimony');
    expect(fuzzy.correct('cerimony')).toBe(first);
  });

  it('never returns more than maxCorrections', () => {
    const fuzzy = new FuzzyVocabulary(['abcdef', 'abcdeg', 'abcdeh', 'abcdei'], {
      ...DEFAULT_MATCH_OPTIONS.fuzzy,
      maxCorrections: 2,
    });
    expect(fuzzy.correct('abcdex').length).toBeLessThanOrEqual(2);
  });
});
