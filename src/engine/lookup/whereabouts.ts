import type { PlaceMatch } from './municipalities';

/**
 * Where a question or an entry is: a municipality (its name without 市/町/村, since "numata"
 * may be 沼田市 or 沼田町) and the prefecture it is in, or a prefecture alone.
 */
export interface Whereabouts {
  town?: string;
  prefecture?: string;
}

/** here: the same place; elsewhere: another place; around: one inside the other, or unknown. */
export type Relation = 'here' | 'elsewhere' | 'around';

export function townStem(name: string): string {
  return name.replace(/[市町村]$/u, '');
}

/** The whereabouts a question names. */
export function whereaboutsOf(place: PlaceMatch): Whereabouts {
  if (place.type === 'municipality')
    return { town: townStem(place.municipality.ja), prefecture: place.prefecture.ja };
  if (place.type === 'prefecture') return { prefecture: place.prefecture.ja };
  return { town: townStem(place.name) };
}

/** How an entry's place relates to the place a question names. */
export function relate(entry: Whereabouts, asked: Whereabouts): Relation {
  if (entry.town && asked.town) return entry.town === asked.town ? 'here' : 'elsewhere';
  if (!entry.prefecture || !asked.prefecture) return 'around';
  if (entry.prefecture !== asked.prefecture) return 'elsewhere';
  return !entry.town && !asked.town ? 'here' : 'around';
}
