import { relate, whereaboutsOf } from '../../../src/engine/lookup/whereabouts';
import type { PlaceMatch } from '../../../src/engine/lookup/municipalities';

const gunma = { ja: '群馬県', names: {}, aliases: [], heading: '群馬', municipalities: [] };
const ota = { ja: '太田市', kana: 'おおたし', romaji: 'Ota', kind: 'city' as const };

describe('whereabouts: how an entry’s place relates to the place a question names', () => {
  it('the same town is here, whether 市 or 町 ("numata" is 沼田市 and 沼田町)', () => {
    expect(
      relate({ town: '沼田', prefecture: '群馬県' }, { town: '沼田', prefecture: '北海道' }),
    ).toBe('here');
  });

  it('another town is elsewhere, even in the same prefecture', () => {
    expect(
      relate({ town: '太田', prefecture: '群馬県' }, { town: '高崎', prefecture: '群馬県' }),
    ).toBe('elsewhere');
  });

  it('a town in another prefecture than the one named is elsewhere; in the same one, around', () => {
    expect(relate({ town: '前橋', prefecture: '群馬県' }, { prefecture: '兵庫県' })).toBe(
      'elsewhere',
    );
    expect(relate({ town: '前橋', prefecture: '群馬県' }, { prefecture: '群馬県' })).toBe('around');
  });

  it('a prefecture-wide entry is here for its prefecture, around for a town in it', () => {
    expect(relate({ prefecture: '群馬県' }, { prefecture: '群馬県' })).toBe('here');
    expect(relate({ prefecture: '群馬県' }, { town: '太田', prefecture: '群馬県' })).toBe('around');
    expect(relate({ prefecture: '群馬県' }, { town: '神戸' })).toBe('around');
  });

  it('reads a question’s place: a listed town with its prefecture, an unlisted one alone', () => {
    const listed: PlaceMatch = { type: 'municipality', municipality: ota, prefecture: gunma };
    expect(whereaboutsOf(listed)).toEqual({ town: '太田', prefecture: '群馬県' });
    expect(whereaboutsOf({ type: 'unlisted', name: '神戸市' })).toEqual({ town: '神戸' });
    expect(whereaboutsOf({ type: 'prefecture', prefecture: gunma })).toEqual({
      prefecture: '群馬県',
    });
  });
});
