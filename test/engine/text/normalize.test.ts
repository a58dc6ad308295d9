import { fold, katakanaToHiragana } from '../../../src/engine/text/normalize';

describe('fold', () => {
  it.each([
    ['Lễ KÝ kết ở đâu', 'le ky ket o dau'],
    ['Cerimônia de ASSINATURA', 'cerimonia de assinatura'],
    ['ＨＥＬＬＯ　ＷＯＲＫ', 'hello work'],
    ['ハローワーク', 'はろわく'],
    ['ｶﾞｲｺｸｼﾞﾝ', 'がいこくじん'],
    ['調印式\u200bは', '調印式 は'],
    ['I’m at the city’s office', "i'm at the city's office"],
  ])('folds %s to %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('keeps kana voicing marks while stripping Latin accents', () => {
    expect(fold('ガイド café')).toBe('がいど cafe');
  });
});

describe('katakanaToHiragana', () => {
  it('leaves the long vowel mark and kanji untouched', () => {
    expect(katakanaToHiragana('センター多文化')).toBe('せんたー多文化');
  });

  it('folds a long vowel typed or omitted to the same form', () => {
    expect(fold('はろーわーく')).toBe(fold('ハロワーク'));
  });
});
