import fc from 'fast-check';
import { Engine, MAX_MESSAGE_LENGTH, type SessionState } from '../../src/engine/engine';
import type { QuickReply, ReplyKind } from '../../src/engine/compose/reply';
import { loadEngine } from '../../src/runtime/load-engine';
import { ask, conversation, testEngine } from '../helpers';

const { engine, kb, t } = testEngine();
const LANGUAGES = ['en', 'ja', 'pt', 'vi'];
const REPLY_KINDS: ReplyKind[] = [
  'answer',
  'lookup',
  'clarify',
  'fallback',
  'smalltalk',
  'menu',
  'language',
  'error',
];
const DIVISION_PHONE = kb.bot.contact.phone;

/** The entry ids that a reply's answer buttons (answer:ID payloads) lead to, in order. */
const answerButtons = (quickReplies: QuickReply[]): string[] =>
  quickReplies.flatMap((q) => (q.payload.startsWith('answer:') ? [q.payload.slice(7)] : []));

describe('Engine: answers', () => {
  it.each([
    ['締結式はいつですか', 'ja', 'ceremony.date'],
    ['締結式の会場はどこですか', 'ja', 'ceremony.place'],
    ['締結式は何時からですか', 'ja', 'ceremony.time'],
    // "Where is Hello Work?" is the entry about its address (which the bot does not have).
    ['ハローワークはどこ', 'ja', 'help.hellowork-hours'],
    ['When is the signing ceremony?', 'en', 'ceremony.date'],
    ['Where is the signing ceremony held?', 'en', 'ceremony.place'],
    ['What time does the ceremony start?', 'en', 'ceremony.time'],
    ['What is the employment measures agreement?', 'en', 'agreement.what'],
    ['Tell me about Hello Work', 'en', 'help.hellowork'],
    ['Is there an interpreter?', 'en', 'help.language-support'],
    ['que horas e a cerimonia', 'pt', 'ceremony.time'],
    ['o que é o acordo?', 'pt', 'agreement.what'],
    ['Tem intérprete?', 'pt', 'help.language-support'],
    ['lễ ký kết ngày nào?', 'vi', 'ceremony.date'],
    ['hiệp định là gì', 'vi', 'agreement.what'],
    ['có phiên dịch không', 'vi', 'help.language-support'],
  ])('answers %j in %s with %s', (text, lang, id) => {
    const { reply, state } = ask(text);
    expect(reply).toMatchObject({ kind: 'answer', lang, answerId: id });
    expect(state).toEqual({ lang, lastEntryId: id });
  });

  it('answers the ceremony date in Vietnamese typed without diacritics', () => {
    const { reply } = ask('le ky ket ngay nao');
    expect(reply).toMatchObject({ kind: 'answer', lang: 'vi', answerId: 'ceremony.date' });
    expect(reply.text).toContain('Thứ Tư, 8 tháng 10, 2025');
  });

  it('answers "where is Hello Work" in Vietnamese without diacritics, with the English name mixed in', () => {
    expect(ask('hello work o dau vay').reply).toMatchObject({
      kind: 'answer',
      lang: 'vi',
      answerId: 'help.hellowork-hours',
    });
  });

  it.each(['kyotei wa itsu desu ka', 'choinshiki wa itsu'])(
    'answers Japanese typed in romaji (%s) in Japanese',
    (text) => {
      expect(ask(text).reply).toMatchObject({
        kind: 'answer',
        lang: 'ja',
        answerId: 'ceremony.date',
      });
    },
  );

  it('renders dates for the language: the Japanese era, the Portuguese weekday', () => {
    expect(ask('締結式はいつですか').reply.text).toContain('令和7年10月8日水曜日');
    expect(ask('que horas e a cerimonia').reply.text).toContain(
      'quarta-feira, 8 de outubro de 2025',
    );
    expect(ask('When is the signing ceremony?').reply.text).not.toContain('{{');
  });

  it('gives an answer its source and its related entries as buttons, then the menu', () => {
    const { reply } = ask('When is the signing ceremony?');
    const entry = kb.entries.find((e) => e.id === 'ceremony.date')!;
    expect(reply.source).toBe(
      t('en', 'source.label', { source: t('en', `source.${entry.source}`) }),
    );
    expect(answerButtons(reply.quickReplies)).toEqual(entry.related);
    expect(reply.quickReplies.at(-1)?.payload).toBe('menu');
  });
});

describe('Engine: long messages', () => {
  const STORIES: Array<[string, string]> = [
    [
      'en',
      'Hello, I moved to Isesaki from Peru last spring with my wife and our two children, and my contract at the car parts factory ended this month, so I really need to find new work soon. Where should I go to look for a job?',
    ],
    [
      'vi',
      'Chào ad, em sang Isesaki từ năm ngoái cùng vợ và hai con, hợp đồng ở nhà máy phụ tùng ô tô vừa hết tháng này. Em cần tìm việc mới gấp, nên đi đâu để tìm việc ạ?',
    ],
  ];

  it.each(STORIES)(
    'answers the question inside a long story (%s), which would sink below the threshold if the story had to be covered whole',
    (lang, text) => {
      expect(ask(text).reply).toMatchObject({ kind: 'answer', lang, answerId: 'help.find-job' });
      const whole = loadEngine({}, { storyNormalisation: 0 }).engine.respond({ text }, {});
      const [told] = ask(text).trace.candidates;
      expect(whole.trace.candidates[0]!.score).toBeLessThan(told!.score);
    },
  );
});

describe('Engine: language', () => {
  it.each<[string, SessionState, string, string]>([
    ['le ky ket ngay nao', { lang: 'en' }, 'vi', 'ceremony.date'],
    ['締結式はいつですか', { lang: 'pt' }, 'ja', 'ceremony.date'],
    ['When is the signing ceremony?', { lang: 'vi' }, 'en', 'ceremony.date'],
    ['que horas e a cerimonia', { lang: 'ja' }, 'pt', 'ceremony.time'],
  ])(
    'answers in the language of the message even when the session was in another (%j after %j)',
    (text, state, lang, id) => {
      const turn = ask(text, state);
      expect(turn.reply).toMatchObject({ kind: 'answer', lang, answerId: id });
      expect(turn.state.lang).toBe(lang);
    },
  );

  it("keeps the session's language when the message does not tell", () => {
    expect(ask('12345', { lang: 'pt' }).reply).toMatchObject({ kind: 'fallback', lang: 'pt' });
    expect(ask('12345').reply.lang).toBe(kb.bot.defaultLanguage);
  });

  it.each([
    ['What time does the ceremony start?', 'vi', 'ceremony.time'],
    ['que horas e a cerimonia', 'en', 'ceremony.time'],
    ['ハローワークはどこ', 'vi', 'help.hellowork-hours'],
  ])("an explicit language wins over the message's (%j with lang=%s)", (text, lang, id) => {
    const turn = ask(text, {}, lang);
    expect(turn.reply).toMatchObject({ kind: 'answer', lang, answerId: id });
    expect(turn.state.lang).toBe(lang);
  });

  it('an explicit language wins over the session, and an unknown one is ignored', () => {
    expect(ask('12345', { lang: 'ja' }, 'pt').reply.lang).toBe('pt');
    expect(ask('le ky ket ngay nao', { lang: 'en' }, 'xx').reply.lang).toBe('vi');
    expect(ask('12345', { lang: 'xx' }).reply.lang).toBe(kb.bot.defaultLanguage);
  });

  it.each([
    ['português', 'pt'],
    ['tiếng Việt', 'vi'],
    ['tieng viet', 'vi'],
    ['English', 'en'],
    ['日本語', 'ja'],
  ])('switches language when the message is only a language name (%s)', (text, lang) => {
    const turn = ask(text, { lang: lang === 'en' ? 'ja' : 'en', lastEntryId: 'ceremony.date' });
    expect(turn.reply).toMatchObject({ kind: 'language', lang, answerId: null });
    expect(turn.reply.text).toBe(t(lang, 'bot.languageSwitched'));
    expect(turn.state).toEqual({ lang, lastEntryId: 'ceremony.date' });
    // The next message that does not tell its language is answered in the new one.
    expect(ask('12345', turn.state).reply.lang).toBe(lang);
  });

  it('switches language with a language button (lang:pt)', () => {
    expect(ask('lang:pt', { lang: 'en' }).reply).toMatchObject({ kind: 'language', lang: 'pt' });
  });
});

describe('Engine: follow-ups', () => {
  it("continues the last topic when asked only 'and where?'", () => {
    const chat = conversation();
    expect(chat.ask('When is the signing ceremony?').reply.answerId).toBe('ceremony.date');
    const turn = chat.ask('and where?');
    expect(turn.reply).toMatchObject({ kind: 'answer', lang: 'en', answerId: 'ceremony.place' });
    expect(turn.trace.decision).toMatch(/^follow-up/);
    expect(chat.ask('what time?').reply.answerId).toBe('ceremony.time');
    expect(chat.ask('who?').reply.answerId).toBe('ceremony.partner');
  });

  it("continues the last topic when asked only 'e onde?' / 'e que horas?'", () => {
    const chat = conversation();
    expect(chat.ask('que horas e a cerimonia').reply.answerId).toBe('ceremony.time');
    expect(chat.ask('e onde?').reply).toMatchObject({
      kind: 'answer',
      lang: 'pt',
      answerId: 'ceremony.place',
    });
    const turn = chat.ask('e que horas?');
    expect(turn.reply).toMatchObject({ kind: 'answer', lang: 'pt', answerId: 'ceremony.time' });
    expect(turn.trace.decision).toMatch(/^follow-up/);
  });

  it("continues the last topic when asked only 'どこで？'", () => {
    const chat = conversation();
    expect(chat.ask('締結式はいつですか').reply.answerId).toBe('ceremony.date');
    const turn = chat.ask('どこで？');
    expect(turn.reply).toMatchObject({ kind: 'answer', lang: 'ja', answerId: 'ceremony.place' });
    expect(turn.trace.decision).toMatch(/^follow-up/);
  });

  it('answers a follow-up in its own language when it changes language', () => {
    const chat = conversation();
    chat.ask('When is the signing ceremony?');
    expect(chat.ask('e que horas?').reply).toMatchObject({
      kind: 'answer',
      lang: 'pt',
      answerId: 'ceremony.time',
    });
  });

  it("an entry that answers several aspects takes each follow-up ('and where?' after Hello Work)", () => {
    const chat = conversation();
    expect(chat.ask('hello work la gi').reply.answerId).toBe('help.hellowork');
    const turn = chat.ask('dia chi o dau vay');
    expect(turn.reply).toMatchObject({ kind: 'answer', answerId: 'help.hellowork-hours' });
    expect(turn.trace.decision).toMatch(/^follow-up/);
  });

  it("'and why?' after the agreement is its purpose, in any language", () => {
    const chat = conversation();
    chat.ask('what is the employment measures agreement?');
    expect(chat.ask('and why?').reply.answerId).toBe('agreement.purpose');
    expect(chat.ask('e por quê?').reply).toMatchObject({
      lang: 'pt',
      answerId: 'agreement.purpose',
    });
  });

  it('does not treat a bare aspect as a follow-up without a previous topic', () => {
    expect(ask('どこで？').trace.decision).not.toMatch(/^follow-up/);
  });
});

describe('Engine: conversation moves', () => {
  it.each([
    ['Hi', 'en', 'greeting'],
    ['Thanks!!', 'en', 'thanks'],
    ['Goodbye', 'en', 'bye'],
    ['こんにちは', 'ja', 'greeting'],
    ['ありがとう', 'ja', 'thanks'],
    ['さようなら', 'ja', 'bye'],
    ['Olá', 'pt', 'greeting'],
    ['Obrigada!', 'pt', 'thanks'],
    ['xin chào', 'vi', 'greeting'],
    ['cảm ơn', 'vi', 'thanks'],
    ['Tạm biệt', 'vi', 'bye'],
  ])('greets, thanks and says goodbye without searching (%s)', (text, lang, kind) => {
    const turn = ask(text, { lastEntryId: 'ceremony.date' });
    expect(turn.reply).toMatchObject({ kind: 'smalltalk', lang, answerId: null });
    expect(turn.reply.text).toBe(t(lang, `bot.${kind}`, { ...kb.bot.contact }));
    expect(turn.trace.candidates).toEqual([]);
    expect(turn.state.lastEntryId).toBe('ceremony.date');
  });

  it('offers the menu after a greeting, nothing after goodbye, and the phone in goodbye', () => {
    expect(ask('Hi').reply.quickReplies.length).toBeGreaterThan(0);
    const bye = ask('Goodbye').reply;
    expect(bye.quickReplies).toEqual([]);
    expect(bye.text).toContain(DIVISION_PHONE);
  });

  it('shows the menu for "menu" and "help", with a button per menu entry', () => {
    for (const text of ['menu', 'help']) {
      const { reply } = ask(text);
      expect(reply.kind).toBe('menu');
      expect(answerButtons(reply.quickReplies)).toEqual(kb.bot.menu);
    }
  });

  it('welcomes a new conversation with the menu in the chosen language', () => {
    for (const lang of LANGUAGES) {
      const reply = engine.welcome(lang);
      expect(reply).toMatchObject({ kind: 'menu', lang, text: t(lang, 'bot.welcome') });
      expect(answerButtons(reply.quickReplies)).toEqual(kb.bot.menu);
    }
  });
});

describe('Engine: out of scope', () => {
  it.each([
    ['How can I renew my visa?', 'en'],
    ['ビザを更新するには？', 'ja'],
    ['Como renovar meu visto?', 'pt'],
    ['Làm sao để gia hạn visa?', 'vi'],
  ])(
    "falls back with the Commerce and Labour Division's phone for an out-of-scope question (%s)",
    (text, lang) => {
      const { reply, state } = ask(text, { lastEntryId: 'ceremony.date' });
      expect(reply).toMatchObject({ kind: 'fallback', lang, answerId: null });
      expect(reply.text).toBe(t(lang, 'bot.fallback', { ...kb.bot.contact }));
      expect(reply.text).toContain(DIVISION_PHONE);
      expect(answerButtons(reply.quickReplies)).toEqual(kb.bot.menu);
      expect(state.lastEntryId).toBe('ceremony.date');
    },
  );

  it.each([
    ['How much unemployment money will Hello Work give me each month?', 'en'],
    ['失業手当は毎月いくらもらえますか', 'ja'],
    ['Quanto eu recebo de seguro-desemprego por mês?', 'pt'],
    ['Mỗi tháng được nhận bao nhiêu tiền trợ cấp thất nghiệp?', 'vi'],
  ])(
    'a known uncovered topic that shares words with an answer falls back, not to the near answer (%s)',
    (text, lang) => {
      const { reply, trace } = ask(text);
      expect(reply).toMatchObject({ kind: 'fallback', lang, answerId: null });
      expect(trace.candidates[0]?.entryId).toMatch(/^oos\./);
      expect(trace.decision).toMatch(/^out of scope: oos\./);
      expect(answerButtons(reply.quickReplies)).toEqual(kb.bot.menu);
    },
  );

  it('an uncovered topic is never offered as a button or a clarification', () => {
    const ids = new Set(kb.outOfScope.map((o) => o.id));
    for (const text of ['visa and job fair', 'ゴミの日と締結式', 'imposto e acordo']) {
      const { reply } = ask(text);
      for (const id of answerButtons(reply.quickReplies)) expect(ids.has(id)).toBe(false);
    }
  });
});

describe('Engine: buttons', () => {
  it.each(kb.entries.flatMap((e) => LANGUAGES.map((lang) => [e.id, lang] as const)))(
    'answer buttons (answer:%s) answer that entry, in %s',
    (id, lang) => {
      const turn = ask(`answer:${id}`, { lang });
      expect(turn.reply).toMatchObject({ kind: 'answer', lang, answerId: id });
      expect(turn.state.lastEntryId).toBe(id);
      expect(turn.reply.text).not.toMatch(/\{\{/);
      const targets = answerButtons(turn.reply.quickReplies);
      expect(targets.filter((target) => !engine.hasEntry(target))).toEqual([]);
    },
  );

  it('unknown ids are treated as text', () => {
    const turn = ask('answer:nonexistent.id', { lang: 'en', lastEntryId: 'ceremony.date' });
    expect(turn.reply.kind).toBe('fallback');
    expect(turn.reply.answerId).toBeNull();
    expect(turn.trace.decision).not.toBe('answer button');
  });
});

describe('Engine: municipalities', () => {
  it.each([
    ['has Sapporo signed?', 'en'],
    ['札幌市は締結していますか', 'ja'],
    ['さっぽろしは協定を結んでいますか', 'ja'],
    ['Sapporo đã ký chưa?', 'vi'],
  ])('a listed municipality is confirmed (%s)', (text, lang) => {
    const { reply, state } = ask(text);
    expect(reply).toMatchObject({ kind: 'lookup', lang, answerId: 'municipality:札幌市' });
    expect(reply.text).toContain('札幌市');
    expect(state.lastEntryId).toBe('national.list');
  });

  it.each([
    ['naha employment agreement', 'en'],
    ['naha ja assinou o acordo', 'pt'],
    ['那覇市 協定', 'ja'],
    ['naha co thoa thuan khong', 'vi'],
  ])('a place named with the agreement, in lower case, is looked up (%s)', (text, lang) => {
    expect(ask(text).reply).toMatchObject({
      kind: 'lookup',
      lang,
      answerId: 'municipality:那覇市',
    });
  });

  it('a place with its own entry answers that entry, not the list ("ota agreement initiatives")', () => {
    expect(ask('ota agreement main initiatives').reply).toMatchObject({
      kind: 'answer',
      answerId: 'gunma.ota',
    });
  });

  it.each([
    ['takasaki acordo maes solteiras', 'gunma.takasaki'],
    ['Ota làm gì trong thỏa thuận của họ?', 'gunma.ota'],
  ])(
    "a question naming a town prefers that town's entry over Isesaki's or another's (%s)",
    (text, id) => {
      expect(ask(text).reply).toMatchObject({ kind: 'answer', answerId: id });
    },
  );

  it("a question naming no town is not another town's entry; that town's own facilities still are", () => {
    expect(
      ask('Under the agreement, what does the city do and what does the labour bureau do?').reply
        .answerId,
    ).not.toBe('gunma.ota');
    expect(ask('お仕事相談パークって何ですか').reply.answerId).toBe('gunma.ota');
    expect(ask('外国人出張行政相談コーナーとは？').reply.answerId).toBe('gunma.ota');
  });

  it('"numata" may be 沼田市 or 沼田町: the Gunma entry is not pushed back as another place', () => {
    const state = ask('Numata agreement initiatives').state;
    expect(ask('what about numata?', state).reply.answerId).toBe('gunma.numata');
  });

  it.each([
    'whats the address of hello work ota',
    'ハローワーク高崎の住所は？',
    'telefone da hello work de maebashi',
    'hello work tokyo phone number',
  ])("asking for a local service of another place is not answered with Isesaki's (%s)", (text) => {
    const { reply } = ask(text);
    expect(reply.kind).toBe('fallback');
    expect(reply.answerId).toBeNull();
  });

  it.each(['東京にハローワークある？', 'Does Ota have a Hello Work?'])(
    'a local service asked for in another place is not a list of that place (%s)',
    (text) => {
      expect(ask(text).reply).toMatchObject({ kind: 'fallback', answerId: null });
    },
  );

  it.each([
    ['which cities in hyogo have one', 'en'],
    ['quais cidades de aichi tem acordo?', 'pt'],
    ['which cities in Hiroshima prefecture have one', 'en'],
    ['o tinh fukui nhung thanh pho nao co thoa thuan nay', 'vi'],
    ['広島県で協定を結んでいる市は？', 'ja'],
  ])('a prefecture named with "have one" gets its list (%s)', (text, lang) => {
    expect(ask(text).reply).toMatchObject({ kind: 'lookup', lang, answerId: 'national.list' });
  });

  it('a town asked about by name is looked up even when the name is also a company (Toyota)', () => {
    const chat = conversation();
    expect(chat.ask('a cidade de Toyota assinou o acordo de emprego?').reply).toMatchObject({
      kind: 'lookup',
      answerId: 'municipality:豊田市',
    });
    expect(chat.ask('e suzuka?').reply.answerId).toBe('municipality:鈴鹿市');
  });

  it.each([
    ['is Hiroshima on the list of cities with a koyo taisaku kyotei?', 'municipality:広島市'],
    ['niigata co ky chua', 'municipality:新潟市'],
    ['Has Fukuoka signed?', 'municipality:福岡市'],
  ])('a bare name shared by a prefecture and its listed city is the city (%s)', (text, id) => {
    expect(ask(text).reply).toMatchObject({ kind: 'lookup', answerId: id });
  });

  it("after the Gunma list, a town's own entry answers 'and that town's?'; 'signed?' is still looked up", () => {
    const { state } = ask('群馬で協定を結んでいるところは？');
    expect(ask('沼田市のはどんな内容？', state).reply.answerId).toBe('gunma.numata');
    expect(ask('沼田市は締結してる？', state).reply.answerId).toBe('municipality:沼田市');
  });

  it('a question naming Isesaki and the town the resident came from asks about Isesaki', () => {
    expect(ask('I just moved from Osaka to Isesaki. Where is the city hall?').reply).toMatchObject({
      kind: 'answer',
      answerId: 'help.cityhall',
    });
    expect(ask('Where is city hall in Osaka?').reply.kind).toBe('fallback');
  });

  it("a facility in another town's own entry is that entry, not a service elsewhere", () => {
    expect(ask('What is Job Center Maebashi?').reply.answerId).toBe('gunma.maebashi');
    expect(ask('ハローワーク伊勢崎の住所').reply.answerId).toBe('help.hellowork-hours');
  });

  it("a Gunma town's own entry answers when it signed and what its agreement covers; 'has it signed?' alone is looked up", () => {
    expect(
      ask('When did Takasaki sign its agreement, and what does it cover?').reply,
    ).toMatchObject({ kind: 'answer', answerId: 'gunma.takasaki' });
    expect(ask('高崎市はいつ協定を締結しましたか').reply.answerId).toBe('gunma.takasaki');
    expect(ask('Has Takasaki signed one?').reply).toMatchObject({
      kind: 'lookup',
      answerId: 'municipality:高崎市',
    });
  });

  it('"Fukuoka city" is the city, not the prefecture', () => {
    expect(ask('Has Fukuoka city signed?').reply).toMatchObject({
      kind: 'lookup',
      answerId: 'municipality:福岡市',
    });
  });

  const NEVER =
    /has not signed|hasn't signed|did not sign|didn't sign|não assinou|chưa ký|締結していません|結んでいません/i;

  it.each([
    ['神戸市は締結していますか', undefined, 'ja'],
    ['Has 神戸市 signed?', 'en', 'en'],
    ['神戸市 assinou?', 'pt', 'pt'],
    ['神戸市 đã ký chưa?', 'vi', 'vi'],
  ])(
    "an unlisted one is 'not in this list', never 'has not signed' (%s)",
    (text, explicit, lang) => {
      const { reply } = ask(text, {}, explicit);
      expect(reply).toMatchObject({ kind: 'lookup', lang, answerId: 'national.list' });
      expect(reply.text).toBe(t(lang, 'lookup.unlisted', { name: '神戸市' }));
      expect(reply.text).not.toMatch(NEVER);
    },
  );

  it('the listed and unlisted texts never say "has not signed" in any language', () => {
    for (const lang of LANGUAGES) {
      for (const key of [
        'lookup.listed',
        'lookup.unlisted',
        'lookup.prefecture',
        'lookup.prefectureNone',
      ])
        expect(t(lang, key, { name: 'X', prefecture: 'Y', list: 'Z', asOf: 'W' })).not.toMatch(
          NEVER,
        );
    }
  });

  it('never calls the home municipality 伊勢崎市 unlisted', () => {
    for (const text of ['伊勢崎市は締結していますか', '伊勢崎市は一覧にのっていますか']) {
      const { reply, trace } = ask(text);
      expect(reply.text).not.toBe(t('ja', 'lookup.unlisted', { name: '伊勢崎市' }));
      expect(trace.decision).not.toMatch(/unlisted/);
    }
  });
});

describe('Engine: limits and junk', () => {
  it.each([
    ['', undefined, {}, 'en'],
    ['   \n\t ', 'ja', {}, 'ja'],
    ['', undefined, { lang: 'vi' }, 'vi'],
  ])('refuses the empty message %j with a localised error', (text, explicit, state, lang) => {
    const turn = ask(text, state, explicit);
    expect(turn.reply).toMatchObject({ kind: 'error', lang, answerId: null });
    expect(turn.reply.text).toBe(t(lang, 'bot.empty'));
  });

  it('refuses an over-long message with a localised error', () => {
    const ja = ask('締結式'.repeat(400));
    expect(ja.reply).toMatchObject({ kind: 'error', lang: 'ja' });
    expect(ja.reply.text).toBe(t('ja', 'bot.tooLong', { max: MAX_MESSAGE_LENGTH }));
    const pt = ask('a'.repeat(MAX_MESSAGE_LENGTH + 1), { lang: 'pt' });
    expect(pt.reply).toMatchObject({ kind: 'error', lang: 'pt' });
    expect(pt.reply.text).toBe(t('pt', 'bot.tooLong', { max: MAX_MESSAGE_LENGTH }));
  });

  it('accepts a message of exactly the maximum length', () => {
    const text = 'When is the signing ceremony?'.padEnd(MAX_MESSAGE_LENGTH, ' ');
    expect(ask(text).reply).toMatchObject({ kind: 'answer', answerId: 'ceremony.date' });
  });

  const expectSaneTurn = (text: string, state: SessionState = {}, lang?: string) => {
    const turn = ask(text, state, lang);
    expect(REPLY_KINDS).toContain(turn.reply.kind);
    expect(LANGUAGES).toContain(turn.reply.lang);
    expect(turn.reply.text.length).toBeGreaterThan(0);
    expect(LANGUAGES).toContain(turn.state.lang);
  };

  it.each([
    ['emoji', '😀🎉🔥👍🏽'],
    ['control characters', '\u0000\u0001\u0007\u001b[31m\u007f'],
    ['invisible and bidi characters', '\u202e\u200b\ufeff\u2066'],
    ['a lone surrogate', '\ud800'],
    ['regular-expression syntax', '.*+?^${}()|[]\\'],
    ['5000 characters', 'a'.repeat(5000)],
    ['5000 Japanese characters', '締'.repeat(5000)],
    ['an empty payload', 'answer:'],
    ['an unknown language payload', 'lang:xx'],
    ['a path in a payload', 'answer:../../etc/passwd'],
    ['a long vowel mark alone', 'ー'],
    ['full-width letters', 'ｗｗｗ'],
  ])('never throws on random junk (%s)', (_name, text) => {
    expectSaneTurn(text);
    expectSaneTurn(text, { lang: 'zz', lastEntryId: 'no.such-entry' }, 'xx');
    expectSaneTurn(text, { lang: 'vi', lastEntryId: 'ceremony.date' });
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.constantFrom<SessionState>({}, { lang: 'ja', lastEntryId: 'ceremony.date' }),
        (text, state) => {
          expectSaneTurn(text, state);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('Engine: near misses', () => {
  it('a fallback offers an answer that came close as its first button, once', () => {
    // A strict threshold turns a good match into a near miss.
    const strict = new Engine(kb, t, { threshold: 0.99, suggestRatio: 0.1 });
    const { reply } = strict.respond({ text: 'what time does the signing ceremony start?' });
    expect(reply.kind).toBe('fallback');
    expect(reply.quickReplies[0]?.payload).toBe('answer:ceremony.time');
    const payloads = reply.quickReplies.map((q) => q.payload);
    expect(new Set(payloads).size).toBe(payloads.length);
  });

  it('a fallback for a question far from everything offers only the menu', () => {
    const { reply } = ask('asdfgh qwerty zxcvb');
    expect(reply.kind).toBe('fallback');
    expect(reply.quickReplies[0]?.payload).toBe('guided:start');
  });
});
