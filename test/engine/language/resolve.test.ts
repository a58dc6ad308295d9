import { resolveLanguage, type LanguageSignals } from '../../../src/engine/language/resolve';

describe('resolveLanguage: explicit > detected > session > fallback', () => {
  it.each<[string, LanguageSignals, string]>([
    [
      'explicit beats everything',
      { explicit: 'pt', detected: 'vi', session: 'ja', fallback: 'en' },
      'pt',
    ],
    ['explicit without other signals', { explicit: 'vi', fallback: 'en' }, 'vi'],
    ['detected beats session', { detected: 'vi', session: 'ja', fallback: 'en' }, 'vi'],
    ['detected without a session', { detected: 'ja', fallback: 'en' }, 'ja'],
    ['session when nothing is detected', { session: 'pt', fallback: 'en' }, 'pt'],
    ['fallback when nothing is known', { fallback: 'en' }, 'en'],
    [
      'explicit even when it equals the fallback',
      { explicit: 'en', detected: 'ja', fallback: 'en' },
      'en',
    ],
    [
      'undefined signals are skipped',
      { explicit: undefined, detected: undefined, session: 'vi', fallback: 'en' },
      'vi',
    ],
  ])('%s', (_name, signals, expected) => {
    expect(resolveLanguage(signals)).toBe(expected);
  });
});
