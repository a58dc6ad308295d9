import type { BotFile, Entry } from '../../knowledge/schema';
import { fold } from '../text/normalize';
import type { Candidate } from '../match/matcher';
import type { MunicipalityLookup, PlaceMatch } from './municipalities';
import { relate, townStem, whereaboutsOf, type Relation, type Whereabouts } from './whereabouts';

/**
 * Which place each entry is about (its `place`), and how that relates to the place a question
 * names, or to a question that names none: the evidence behind "Takasaki … single mothers" being
 * Takasaki's entry and "what does the city do?" not being Ota's.
 */
export class EntryPlaces {
  private readonly whereabouts = new Map<string, Whereabouts>();
  /** The names of the place of each entry about another town than the bot's own. */
  private readonly awayNames = new Map<string, string[]>();
  /** How residents write the home town, folded. */
  private readonly homeNames: string[];

  constructor(
    entries: readonly Entry[],
    private readonly places: MunicipalityLookup,
    private readonly bot: Pick<BotFile, 'homeMunicipality' | 'homePrefecture' | 'homeNames'>,
  ) {
    this.homeNames = bot.homeNames.map(fold);
    const home = bot.homeMunicipality;
    for (const entry of entries) {
      if (!entry.place) continue;
      if (entry.place === home) {
        this.whereabouts.set(entry.id, { town: townStem(home), prefecture: bot.homePrefecture });
        continue;
      }
      const match = places.find(entry.place);
      if (!match) continue;
      this.whereabouts.set(entry.id, whereaboutsOf(match));
      this.awayNames.set(entry.id, places.namesOf(match));
    }
  }

  /**
   * How a candidate's place relates to the place the question names; for a question that names
   * none, an entry about another town that matched nothing of that town's name is elsewhere.
   */
  relation(candidate: Candidate, place: PlaceMatch | undefined): Relation | undefined {
    if (place) {
      const where = this.whereabouts.get(candidate.entryId);
      return where && relate(where, whereaboutsOf(place));
    }
    const names = this.awayNames.get(candidate.entryId);
    if (!names) return undefined;
    const named = candidate.matchedTerms.some((t) =>
      names.some((n) => n === t || (t.length >= 2 && !/^[a-z]/.test(t) && n.includes(t))),
    );
    return named ? undefined : 'elsewhere';
  }

  /** True for a place other than the bot's own municipality and prefecture. */
  isElsewhere(place: PlaceMatch): boolean {
    const { homeMunicipality, homePrefecture } = this.bot;
    if (place.type === 'municipality') return place.municipality.ja !== homeMunicipality;
    if (place.type === 'prefecture') return place.prefecture.ja !== homePrefecture;
    return !homeMunicipality || !place.name.endsWith(homeMunicipality);
  }

  /** True when the folded text names the bot's own municipality ("… moved to Isesaki …"). */
  namesHome(foldedText: string): boolean {
    const words = ` ${foldedText.replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
    return this.homeNames.some((n) =>
      /^[a-z]/.test(n) ? words.includes(` ${n} `) : foldedText.includes(n),
    );
  }

  /** The question's text without the place's names, to read what it asks of that place. */
  withoutPlace(foldedText: string, place: PlaceMatch): string {
    let rest = foldedText;
    for (const name of this.places.namesOf(place)) rest = rest.split(name).join(' ');
    return rest;
  }
}
