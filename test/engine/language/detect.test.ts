import { LanguageDetector } from '../../../src/engine/language/detect';
import { languageProfiles } from '../../helpers';

const detector = new LanguageDetector(languageProfiles());

describe('LanguageDetector', () => {
  it.each([
    // Japanese script
    ['締結式はいつですか', 'ja'],
    ['ハローワーク', 'ja'],
    ['しきはどこでやるの', 'ja'],
    // Vietnamese with diacritics
    ['Lễ ký kết ở đâu?', 'vi'],
    ['có phiên dịch không', 'vi'],
    // Vietnamese without diacritics
    ['le ky ket o dau', 'vi'],
    ['hello work o dau vay', 'vi'],
    ['le ky ket khi nao', 'vi'],
    // Portuguese, with and without accents
    ['que horas e a cerimonia', 'pt'],
    ['Como renovar meu visto?', 'pt'],
    ['preciso de emprego', 'pt'],
    ['Quando é a cerimônia de assinatura?', 'pt'],
    ['Tem intérprete?', 'pt'],
    // English
    ['When is the signing ceremony?', 'en'],
    ['Where is Hello Work?', 'en'],
    ['How can I renew my visa?', 'en'],
    // Japanese typed in romaji
    ['kyotei wa itsu desu ka', 'ja'],
    ['choinshiki wa itsu', 'ja'],
  ])('%s → %s', (text, lang) => {
    expect(detector.detect(text).lang).toBe(lang);
  });

  it.each(['ok', '12345', '?', '😀😀', 'Isesaki', ''])(
    'leaves unclear short text %j undetected',
    (text) => {
      expect(detector.detect(text).lang).toBeUndefined();
    },
  );

  it('reads a Japanese name that phrases rewrite as weak evidence: "ハローワーク là gì?" is Vietnamese, "ハローワーク" alone Japanese', () => {
    // The engine passes the text with phrases rewritten as the words text.
    expect(
      detector.detect('ハローワーク là gì vậy ạ?', undefined, ' hellowork  là gì vậy ạ?').lang,
    ).toBe('vi');
    expect(detector.detect('ハローワーク', undefined, ' hellowork ').lang).toBe('ja');
    expect(detector.detect('ハローワークはどこ', undefined, ' hellowork はどこ').lang).toBe('ja');
  });

  it('reports a score for every language', () => {
    expect(Object.keys(detector.detect('hello').scores).sort()).toEqual(['en', 'ja', 'pt', 'vi']);
  });
});
