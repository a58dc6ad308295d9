import { Analyzer } from '../../../src/engine/text/analyzer';
import { Matcher, type Indexable } from '../../../src/engine/match/matcher';
import { resolveMatchOptions } from '../../../src/engine/match/options';
import { languageProfiles } from '../../helpers';

const analyzer = new Analyzer(languageProfiles());
const entries: Indexable[] = [
  {
    id: 'ceremony.date',
    text: { en: { questions: ['When is the signing ceremony?'], keywords: ['ceremony date'] } },
  },
  {
    id: 'ceremony.place',
    text: { ja: { questions: ['ていけつしきのばしょ'], keywords: ['ばしょ'] } },
  },
  {
    id: 'help.find-job',
    text: { en: { questions: ['Where can I look for a job?'], keywords: ['job search'] } },
  },
];
const STORY =
  'my cousin and her husband moved here from lima last spring, her brother drives a truck for a ' +
  'logistics company in the next town, and the children started school; when is the signing ceremony?';

function search(text: string, storyNormalisation: number) {
  const matcher = new Matcher(entries, analyzer, resolveMatchOptions({ storyNormalisation }));
  return matcher.search(analyzer.tokens(text, 'en'), 'en');
}

describe('Matcher: long messages', () => {
  it('measures a short question whole: scale 1, whatever the normalisation', () => {
    expect(search('when is the signing ceremony?', 0.5).scale).toBe(1);
  });

  it('does not ask a story to be covered whole: the question inside it scores higher, first either way', () => {
    const whole = search(STORY, 0);
    const normalised = search(STORY, 0.5);
    expect(whole.scale).toBe(1);
    expect(normalised.scale).toBeGreaterThan(1);
    expect(whole.candidates[0]!.entryId).toBe('ceremony.date');
    expect(normalised.candidates[0]!.entryId).toBe('ceremony.date');
    expect(normalised.candidates[0]!.score).toBeGreaterThan(whole.candidates[0]!.score);
  });

  it('returns no candidates and scale 1 for a message of stop words only', () => {
    expect(search('what is the', 0.5)).toEqual({ candidates: [], scale: 1 });
  });
});

describe('Matcher: the asking sentence', () => {
  const matcher = new Matcher(entries, analyzer, resolveMatchOptions());
  const scoreOf = (askWeight: number) => {
    const tokens = analyzer
      .tokens('cousin basho', 'ja')
      .map((t) => (t.raw === 'basho' ? { ...t, weight: askWeight } : t));
    const { candidates } = matcher.search(tokens, 'ja', true);
    return candidates.find((c) => c.entryId === 'ceremony.place')!.score;
  };

  it('weighs a word of the asking sentence more, also when it is read as romaji kana', () => {
    expect(scoreOf(1.5)).toBeGreaterThan(scoreOf(1));
  });
});
