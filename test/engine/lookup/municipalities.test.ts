import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MunicipalityLookup,
  placeKindWords,
  type PlaceMatch,
} from '../../../src/engine/lookup/municipalities';
import { loadKnowledge } from '../../../src/knowledge/load';
import { BotFileSchema, MunicipalityFileSchema } from '../../../src/knowledge/schema';
import { KNOWLEDGE_DIR } from '../../../src/runtime/paths';

const read = (file: string): unknown => JSON.parse(readFileSync(join(KNOWLEDGE_DIR, file), 'utf8'));
const data = MunicipalityFileSchema.parse(read('municipalities.json'));
const home = BotFileSchema.parse(read('bot.json')).homeMunicipality;
const kinds = placeKindWords(loadKnowledge(KNOWLEDGE_DIR).languages);
const lookup = new MunicipalityLookup(data, home, () => false, kinds);

/** A short, comparable form of a match: "municipality 札幌市", "prefecture 福岡県", "unlisted 神戸市". */
function describeMatch(match: PlaceMatch | undefined): string | undefined {
  if (!match) return undefined;
  if (match.type === 'municipality') return `municipality ${match.municipality.ja}`;
  if (match.type === 'prefecture') return `prefecture ${match.prefecture.ja}`;
  return `unlisted ${match.name}`;
}

const find = (text: string) => describeMatch(lookup.find(text));

describe('MunicipalityLookup', () => {
  it.each([
    ['札幌市'],
    ['札幌市は締結していますか'],
    ['さっぽろし'],
    ['サッポロ'],
    ['has Sapporo signed?'],
    ['Sapporo đã ký chưa?'],
    ['sapporo-shi'],
  ])('finds 札幌市 in %j', (text) => {
    expect(find(text)).toBe('municipality 札幌市');
  });

  describe('with the words residents write', () => {
    const common = new Set(['date', 'toda', 'wake']);
    const words = new MunicipalityLookup(data, home, (w) => common.has(w), kinds);
    const findIn = (text: string) => describeMatch(words.find(text));

    it.each([
      ['naha', 'municipality 那覇市'],
      ['còn naha?', 'municipality 那覇市'],
      ['hello work ota', 'municipality 太田市'],
    ])('finds a short romaji name in lower case (%j)', (text, expected) => {
      expect(findIn(text)).toBe(expected);
    });

    it.each([['what is the date'], ['toda a cidade'], ['wake up']])(
      'does not read a common word as a place (%j)',
      (text) => {
        expect(findIn(text)).toBeUndefined();
      },
    );

    it('finds a common-word name followed by its own prefecture ("toda (saitama)")', () => {
      expect(findIn('toda (saitama) co thoa thuan nay khong')).toBe('municipality 戸田市');
      expect(findIn('toda a cidade de saitama')).not.toBe('municipality 戸田市');
    });

    it('still finds a common-word name written as a name or qualified ("Date", "date-shi")', () => {
      expect(findIn('Has Date signed?')).toBe('municipality 伊達市');
      expect(findIn('date-shi')).toBe('municipality 伊達市');
    });
  });

  it('gives the prefecture of a municipality it finds', () => {
    const match = lookup.find('has Sapporo signed?');
    expect(match?.type === 'municipality' && match.prefecture.ja).toBe('北海道');
  });

  it('reads "Fukuoka city" as the city, and "Fukuoka" alone as the prefecture', () => {
    expect(find('Has Fukuoka city signed?')).toBe('municipality 福岡市');
    expect(find('fukuoka-shi')).toBe('municipality 福岡市');
    expect(find('福岡市')).toBe('municipality 福岡市');
    expect(find('Has Fukuoka signed?')).toBe('prefecture 福岡県');
    expect(find('福岡県')).toBe('prefecture 福岡県');
  });

  it.each([
    ['a cidade de Toyota assinou?', 'municipality 豊田市'],
    ['thanh pho hiroshima co trong danh sach khong', 'municipality 広島市'],
    ['thành phố Hiroshima', 'municipality 広島市'],
    ['is the city of kumamoto in the list', 'municipality 熊本市'],
    ['ｃｈｉｂａ市も締結してる？', 'municipality 千葉市'],
    ['o tinh fukui nhung thanh pho nao', 'prefecture 福井県'],
  ])('reads a kind word before or after a romaji name, in any language (%s)', (text, match) => {
    expect(find(text)).toBe(match);
  });

  it("names the listed city that shares a prefecture's name, unless the text says prefecture", () => {
    const hiroshima = lookup.find('Hiroshima');
    if (hiroshima?.type !== 'prefecture') throw new Error('expected the prefecture');
    expect(lookup.namesakeCity('Hiroshima', hiroshima.prefecture)?.ja).toBe('広島市');
    expect(lookup.namesakeCity('Hiroshima prefecture', hiroshima.prefecture)).toBeUndefined();
    expect(lookup.namesakeCity('広島県', hiroshima.prefecture)).toBeUndefined();
    expect(lookup.namesakeCity('tinh hiroshima', hiroshima.prefecture)).toBeUndefined();
  });

  it('keeps a name shared by a city and its prefecture for the prefecture (千葉)', () => {
    expect(find('千葉')).toBe('prefecture 千葉県');
    expect(find('千葉市')).toBe('municipality 千葉市');
    expect(find('chiba city')).toBe('municipality 千葉市');
  });

  it('reads a town in bare kana only in kana text: はまだ and しか are words beside kanji', () => {
    expect(find('日本語はまだ少ししかできません')).toBeUndefined();
    expect(find('ベトナム語しか話せません')).toBeUndefined();
    expect(find('はまだは？')).toBe('municipality 浜田市');
    expect(find('はまだしは協定を結んでいますか')).toBe('municipality 浜田市');
    expect(find('浜田市は？')).toBe('municipality 浜田市');
  });

  it('reads a name two towns share as the one in the home prefecture (沼田: 沼田市, Gunma), unless qualified', () => {
    const gunma = new MunicipalityLookup(data, home, () => false, kinds, '群馬県');
    const at = (text: string) => describeMatch(gunma.find(text));
    expect(at('numata')).toBe('municipality 沼田市');
    expect(at('沼田は？')).toBe('municipality 沼田市');
    expect(at('沼田町は？')).toBe('municipality 沼田町');
    expect(at('numata town')).toBe('municipality 沼田町');
  });

  it('reads two kana as a word, not a town (しき is 式 before it is 志木)', () => {
    expect(find('しきはどこでやるの')).toBeUndefined();
    expect(find('しきしは協定を結んでいますか')).toBe('municipality 志木市');
  });

  it('does not find 伊勢市 inside 伊勢崎市 (a name inside a longer name)', () => {
    expect(find('伊勢市は締結していますか')).toBe('municipality 伊勢市');
    expect(find('伊勢崎市は締結していますか')).not.toBe('municipality 伊勢市');
    expect(find('伊勢崎')).toBeUndefined();
  });

  it('reports an unlisted 〇〇市 as unlisted, by its name', () => {
    expect(find('神戸市は締結していますか')).toBe('unlisted 神戸市');
    expect(find('Has 神戸市 signed?')).toBe('unlisted 神戸市');
  });

  it('never reports the home municipality 伊勢崎市 as unlisted', () => {
    expect(home).toBe('伊勢崎市');
    for (const text of [
      '伊勢崎市',
      '伊勢崎市は締結していますか',
      '伊勢崎市は一覧にのっていますか',
    ]) {
      expect(lookup.find(text)?.type).not.toBe('unlisted');
    }
  });

  it('without a home municipality, 伊勢崎市 would be unlisted (the home setting is what protects it)', () => {
    expect(describeMatch(new MunicipalityLookup(data).find('伊勢崎市'))).toBe('unlisted 伊勢崎市');
  });

  it('finds nothing in a question that names no place', () => {
    expect(lookup.find('When is the signing ceremony?')).toBeUndefined();
    expect(lookup.find('締結式はいつですか')).toBeUndefined();
  });

  it("lists a prefecture's municipalities in the release's order", () => {
    const match = lookup.find('群馬県');
    expect(match?.type).toBe('prefecture');
    if (match?.type === 'prefecture')
      expect(lookup.listOf(match.prefecture).map((m) => m.ja)).toEqual(
        match.prefecture.municipalities.map((m) => m.ja),
      );
  });
});
