import { maskPersonalData } from '../../src/insights/mask';

interface Case {
  lang: 'ja' | 'en' | 'pt' | 'vi';
  what: string;
  input: string;
  /** The personal data (and telling pieces of it) that must be gone. */
  gone: string[];
  /** The words around it that must stay, so staff can still read the question. */
  kept: string[];
}

const CASES: Case[] = [
  // Phone numbers
  {
    lang: 'ja',
    what: 'mobile number with hyphens',
    input: '電話番号は090-1234-5678です。ハローワークはどこですか',
    gone: ['090-1234-5678', '1234', '5678'],
    kept: ['電話番号は', 'です。ハローワークはどこですか'],
  },
  {
    lang: 'ja',
    what: 'landline with area code',
    input: '市役所の0270-27-2755に電話しました',
    gone: ['0270-27-2755', '2755'],
    kept: ['市役所の', 'に電話しました'],
  },
  {
    lang: 'ja',
    what: 'full-width mobile number',
    input: '０９０－１２３４－５６７８に電話ください',
    gone: ['５６７８', '5678', '1234'],
    kept: ['に電話ください'],
  },
  {
    lang: 'ja',
    what: 'mobile number without separators',
    input: '連絡先は09012345678です',
    gone: ['09012345678', '12345678'],
    kept: ['連絡先は', 'です'],
  },
  {
    lang: 'en',
    what: 'international number',
    input: 'call me at +81 90 1234 5678 about the job fair',
    gone: ['+81', '1234 5678', '5678'],
    kept: ['call me at', 'about the job fair'],
  },
  {
    lang: 'en',
    what: 'mobile number without separators',
    input: 'my phone is 09012345678, where is hello work?',
    gone: ['09012345678', '12345678'],
    kept: ['my phone is', ', where is hello work?'],
  },
  {
    lang: 'pt',
    what: 'mobile number with hyphens',
    input: 'meu telefone é 090-1234-5678, onde fica a hello work?',
    gone: ['090-1234-5678', '1234', '5678'],
    kept: ['meu telefone é', 'onde fica a hello work'],
  },
  {
    lang: 'pt',
    what: 'landline with area code',
    input: 'liguei para 0270-27-2755 e ninguém atendeu',
    gone: ['0270-27-2755', '2755'],
    kept: ['liguei para', 'e ninguém atendeu'],
  },
  {
    lang: 'vi',
    what: 'mobile number with hyphens',
    input: 'số điện thoại của tôi là 090-1234-5678, Hello Work ở đâu?',
    gone: ['090-1234-5678', '5678'],
    kept: ['số điện thoại của tôi là', 'Hello Work ở đâu?'],
  },
  {
    lang: 'vi',
    what: 'international number',
    input: '+81 90 1234 5678 là số của tôi',
    gone: ['+81', '1234', '5678'],
    kept: ['là số của tôi'],
  },
  // E-mail addresses
  {
    lang: 'en',
    what: 'e-mail address',
    input: 'email me at john.smith@example.com about the ceremony',
    gone: ['john.smith', '@', 'example.com'],
    kept: ['email me at', 'about the ceremony'],
  },
  {
    lang: 'pt',
    what: 'e-mail address',
    input: 'meu e-mail é maria.silva@gmail.com, quando é a cerimônia?',
    gone: ['maria.silva', '@', 'gmail.com'],
    kept: ['meu e-mail é', 'quando é a cerimônia?'],
  },
  {
    lang: 'vi',
    what: 'e-mail address',
    input: 'email của tôi là nguyen.van.a@gmail.com, cảm ơn',
    gone: ['nguyen.van.a', '@', 'gmail.com'],
    kept: ['email của tôi là', 'cảm ơn'],
  },
  {
    lang: 'ja',
    what: 'e-mail address between spaces',
    input: 'メールは taro@example.jp です',
    gone: ['taro', '@', 'example.jp'],
    kept: ['メールは', 'です'],
  },
  // Residence-card numbers
  {
    lang: 'ja',
    what: 'residence-card number',
    input: '在留カードAB12345678CDの更新はどこ',
    gone: ['AB12345678CD', '12345678'],
    kept: ['在留カード', 'の更新はどこ'],
  },
  {
    lang: 'en',
    what: 'residence-card number in lower case',
    input: 'my card is ab12345678cd, can I renew it here?',
    gone: ['ab12345678cd', '12345678'],
    kept: ['my card is', 'can I renew it here?'],
  },
  {
    lang: 'pt',
    what: 'residence-card number',
    input: 'meu cartão de residência é AB12345678CD, preciso renovar',
    gone: ['AB12345678CD', '12345678'],
    kept: ['meu cartão de residência é', 'preciso renovar'],
  },
  {
    lang: 'vi',
    what: 'residence-card number',
    input: 'thẻ cư trú AB12345678CD của tôi hết hạn',
    gone: ['AB12345678CD', '12345678'],
    kept: ['thẻ cư trú', 'của tôi hết hạn'],
  },
  // My Number
  {
    lang: 'ja',
    what: 'My Number grouped 4-4-4',
    input: 'マイナンバーは1234 5678 9012です',
    gone: ['1234', '5678', '9012'],
    kept: ['マイナンバーは', 'です'],
  },
  {
    lang: 'en',
    what: 'My Number as one run',
    input: 'My Number 123456789012, is it needed?',
    gone: ['123456789012', '9012'],
    kept: ['My Number', 'is it needed?'],
  },
  {
    lang: 'pt',
    what: 'My Number grouped 4-4-4',
    input: 'meu My Number é 1234 5678 9012, onde entrego?',
    gone: ['1234', '5678', '9012'],
    kept: ['meu My Number é', 'onde entrego?'],
  },
  {
    lang: 'vi',
    what: 'My Number as one run',
    input: 'mã số cá nhân 123456789012 có cần không?',
    gone: ['123456789012', '9012'],
    kept: ['mã số cá nhân', 'có cần không?'],
  },
  {
    lang: 'en',
    what: 'My Number grouped with hyphens',
    input: 'my number is 1234-5678-9012 ok',
    gone: ['1234', '5678', '9012'],
    kept: ['my number is', 'ok'],
  },
  // House numbers
  {
    lang: 'ja',
    what: 'chōme and banchi',
    input: '伊勢崎市今泉町2丁目410番地に住んでいます',
    gone: ['2丁目', '410'],
    kept: ['伊勢崎市今泉町', 'に住んでいます'],
  },
  {
    lang: 'ja',
    what: 'ban and gō',
    input: '住所は3番5号です',
    gone: ['3番5号', '3番', '5号'],
    kept: ['住所は', 'です'],
  },
  {
    lang: 'ja',
    what: 'hyphenated block number',
    input: '私の住所は今泉町2-410です。ハローワークはどこですか',
    gone: ['2-410', '410'],
    kept: ['私の住所は今泉町', 'です。ハローワークはどこですか'],
  },
  {
    lang: 'en',
    what: 'hyphenated block number',
    input: 'I live at 2-410 Imaizumi-cho, where is hello work?',
    gone: ['2-410', '410'],
    kept: ['I live at', 'Imaizumi-cho, where is hello work?'],
  },
  {
    lang: 'vi',
    what: 'số and đường',
    input: 'tôi ở số 12 đường Lê Lợi gần ga',
    gone: ['12'],
    kept: ['tôi ở số', 'đường Lê Lợi gần ga'],
  },
];

/**
 * Cases the masking gets wrong today (see the report): each would fail as a normal test.
 * Regression (was a bug): a street number after the street name ("Rua das Flores, 123") or before it
 * ("123 Main Street") is stored as typed; an e-mail address written against Japanese text
 * swallows the whole sentence.
 */
const KNOWN_FAILURES: Case[] = [
  {
    lang: 'pt',
    what: 'street number after the street name',
    input: 'moro na Rua das Flores, 123, perto da estação',
    gone: ['123'],
    kept: ['moro na Rua das Flores', 'perto da estação'],
  },
  {
    lang: 'en',
    what: 'street number before the street name',
    input: 'I live at 123 Main Street near the station',
    gone: ['123'],
    kept: ['I live at', 'Main Street near the station'],
  },
  {
    lang: 'ja',
    what: 'e-mail address written against Japanese text',
    input: 'メールはtaro@example.jpです',
    gone: ['taro', '@', 'example.jp'],
    kept: ['メールは', 'です'],
  },
];

function check({ input, gone, kept }: Case): void {
  const masked = maskPersonalData(input);
  for (const part of gone) expect(masked).not.toContain(part);
  for (const part of kept) expect(masked).toContain(part);
  expect(masked).toMatch(/\[(phone|email|id|address|number)\]/);
}

describe('maskPersonalData', () => {
  it('covers phones, e-mail, residence cards, My Number and house numbers in all four languages', () => {
    for (const lang of ['ja', 'en', 'pt', 'vi']) {
      expect(CASES.filter((c) => c.lang === lang).length).toBeGreaterThanOrEqual(5);
    }
  });

  it.each(CASES)('$lang $what: "$input"', (c) => check(c));

  it.each(KNOWN_FAILURES)('$lang $what: "$input"', (c) => check(c));

  it.each([
    ['ja', '締結式はいつですか'],
    ['ja', '調印式は2025年10月8日ですか'],
    ['en', 'When is the signing ceremony?'],
    ['en', 'Is the ceremony on 8 October 2025 at 11:00?'],
    ['en', 'Which 24 municipalities signed?'],
    ['pt', 'Onde fica a Hello Work de Isesaki?'],
    ['pt', 'A cerimônia é em 8 de outubro de 2025?'],
    ['vi', 'Lễ ký kết bắt đầu lúc mấy giờ?'],
    ['vi', 'Lễ ký kết ngày 8/10/2025 phải không?'],
  ])('leaves a %s question without personal data unchanged: "%s"', (_lang, question) => {
    expect(maskPersonalData(question)).toBe(question);
  });

  // Regression (was a bug): the text is NFKC-normalised before masking, so a plain Japanese question with
  // full-width punctuation is not stored as typed ("？" becomes "?").
  it('leaves a Japanese question with a full-width question mark unchanged', () => {
    expect(maskPersonalData('締結式はいつ？')).toBe('締結式はいつ？');
  });

  it('masks several kinds of personal data in one message', () => {
    const masked = maskPersonalData(
      'Sou Ana, ana@exemplo.com.br, 090-1234-5678, cartão AB12345678CD: onde fica a Hello Work?',
    );
    expect(masked).toBe('Sou Ana, [email], [phone], cartão [id]: onde fica a Hello Work?');
  });

  it('is idempotent', () => {
    for (const c of CASES) {
      const once = maskPersonalData(c.input);
      expect(maskPersonalData(once)).toBe(once);
    }
  });
});
