import { EntryPlaces } from '../../../src/engine/lookup/entry-places';
import { MunicipalityLookup } from '../../../src/engine/lookup/municipalities';
import type { Candidate } from '../../../src/engine/match/matcher';
import { loadKnowledge } from '../../../src/knowledge/load';
import { KNOWLEDGE_DIR } from '../../../src/runtime/paths';

const kb = loadKnowledge(KNOWLEDGE_DIR);
const places = new MunicipalityLookup(kb.municipalities, kb.bot.homeMunicipality);
const entryPlaces = new EntryPlaces(kb.entries, places, kb.bot);
const candidate = (entryId: string, matchedTerms: string[] = []): Candidate => ({
  entryId,
  score: 0.5,
  bestSample: '',
  matchedTerms,
});

describe('EntryPlaces: the place of an entry against the place a question names', () => {
  it("is here for the entry's own town and elsewhere for another town's entry", () => {
    const takasaki = places.find('高崎市')!;
    expect(entryPlaces.relation(candidate('gunma.takasaki'), takasaki)).toBe('here');
    expect(entryPlaces.relation(candidate('isesaki.parents'), takasaki)).toBe('elsewhere');
    expect(entryPlaces.relation(candidate('agreement.what'), takasaki)).toBeUndefined();
  });

  it("with no place named, another town's entry is elsewhere unless it matched that town's name", () => {
    expect(entryPlaces.relation(candidate('gunma.ota', ['agreement', 'city']), undefined)).toBe(
      'elsewhere',
    );
    expect(entryPlaces.relation(candidate('gunma.ota', ['ota']), undefined)).toBeUndefined();
    expect(entryPlaces.relation(candidate('gunma.ota', ['太田']), undefined)).toBeUndefined();
    // The bot's own town is never "elsewhere" for a question that names no place.
    expect(entryPlaces.relation(candidate('isesaki.parents'), undefined)).toBeUndefined();
  });

  it("reads the question without the place's names, in kanji or romaji", () => {
    const ota = places.find('ota city')!;
    const rest = entryPlaces.withoutPlace('hello work ota no jusho 太田市', ota);
    expect(rest).not.toMatch(/ota|太田/);
    expect(rest).toMatch(/hello work .*no jusho/);
    expect(entryPlaces.isElsewhere(ota)).toBe(true);
  });

  it('knows when a question names the home town, as a word or in Japanese', () => {
    expect(entryPlaces.namesHome('i moved from osaka to isesaki')).toBe(true);
    expect(entryPlaces.namesHome('大阪から伊勢崎に引っ越した')).toBe(true);
    expect(entryPlaces.namesHome('hello work ota no jusho')).toBe(false);
    expect(entryPlaces.namesHome('isesakicity')).toBe(false);
  });
});
