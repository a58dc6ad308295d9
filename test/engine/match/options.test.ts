import {
  DEFAULT_MATCH_OPTIONS,
  resolveMatchOptions,
  type MatchOptions,
} from '../../../src/engine/match/options';

describe('resolveMatchOptions', () => {
  it('returns the defaults without overrides', () => {
    expect(resolveMatchOptions()).toEqual(DEFAULT_MATCH_OPTIONS);
  });

  it('merges overrides, including a partial fuzzy object', () => {
    const options = resolveMatchOptions({
      threshold: 0.4,
      fuzzy: { threshold: 0.2 } as MatchOptions['fuzzy'],
    });
    expect(options.threshold).toBe(0.4);
    expect(options.fuzzy).toEqual({ ...DEFAULT_MATCH_OPTIONS.fuzzy, threshold: 0.2 });
    expect(options.clarifyMargin).toBe(DEFAULT_MATCH_OPTIONS.clarifyMargin);
  });

  it.each([0, 1])('accepts the bounds (threshold %d)', (threshold) => {
    expect(resolveMatchOptions({ threshold }).threshold).toBe(threshold);
  });

  it.each<[keyof MatchOptions, number]>([
    ['threshold', 1.5],
    ['threshold', -0.1],
    ['threshold', Number.NaN],
    ['clarifyMargin', -0.01],
    ['confidentScore', 2],
    ['queryCoverageWeight', 1.01],
    ['sampleWeight', -1],
  ])('rejects %s = %d, naming the option', (key, value) => {
    expect(() => resolveMatchOptions({ [key]: value })).toThrow(RangeError);
    expect(() => resolveMatchOptions({ [key]: value })).toThrow(new RegExp(`\\b${key}\\b`));
  });

  it('rejects weights that add up to more than 1, naming both', () => {
    expect(() => resolveMatchOptions({ sampleWeight: 0.8, aboutnessWeight: 0.3 })).toThrow(
      /sampleWeight.*aboutnessWeight/,
    );
  });

  it('rejects an asking-sentence weight below 1 and a story normalisation out of range', () => {
    expect(() => resolveMatchOptions({ askingSentenceWeight: 0.5 })).toThrow(
      /askingSentenceWeight/,
    );
    expect(() => resolveMatchOptions({ storyNormalisation: 1.5 })).toThrow(/storyNormalisation/);
  });

  it('rejects fuzzy.threshold out of range, naming it', () => {
    expect(() =>
      resolveMatchOptions({ fuzzy: { ...DEFAULT_MATCH_OPTIONS.fuzzy, threshold: 2 } }),
    ).toThrow(/fuzzy\.threshold/);
  });
});
