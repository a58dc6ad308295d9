import type {
  LanguageProfile,
  Municipality,
  MunicipalityFile,
  Prefecture,
} from '../../knowledge/schema';
import { fold } from '../text/normalize';

export type PlaceMatch =
  | { type: 'municipality'; municipality: Municipality; prefecture: Prefecture }
  | { type: 'prefecture'; prefecture: Prefecture }
  | { type: 'unlisted'; name: string };

const SUFFIX = /(市|町|村|し|まち|ちょう|むら|そん)$/u;
/** Words before and after a romaji name that say what kind of municipality it is. */
export type PlaceKindWords = Record<
  Municipality['kind'] | 'prefecture',
  { before: string[]; after: string[] }
>;

/** The place-kind words of every language profile, folded, for one lookup that serves them all. */
export function placeKindWords(profiles: readonly LanguageProfile[]): PlaceKindWords {
  const kinds: PlaceKindWords = {
    city: { before: [], after: [] },
    town: { before: [], after: [] },
    village: { before: [], after: [] },
    prefecture: { before: [], after: [] },
  };
  for (const profile of profiles)
    for (const [kind, words] of Object.entries(profile.placeKinds)) {
      const into = kinds[kind as keyof PlaceKindWords];
      into.before.push(...words.before.map(fold));
      into.after.push(...words.after.map(fold));
    }
  return kinds;
}
/** The most words a romaji name with its kind words may have ("thanh pho kita kyushu"). */
const MAX_NAME_WORDS = 4;
const JA_NAME_CHAR = /[\p{Script=Han}\p{Script=Katakana}ヶ]/u;
/** A Japanese municipality name typed with its suffix, e.g. 神戸市 (used to say "not in the list"). */
const JA_PLACE = /[\p{Script=Han}\p{Script=Katakana}ヶ]{1,6}[市町村]/gu;

/**
 * Finds municipality and prefecture names in a question, in kanji, kana or romaji,
 * so that "has Sapporo signed?" and "札幌市は締結していますか" find the same row.
 */
export class MunicipalityLookup {
  private readonly names = new Map<string, PlaceMatch>();
  /** Romaji names that are also words ("date", "toda"): they count only written as a name ("Date"). */
  private readonly wordNames = new Map<string, PlaceMatch>();
  private readonly cjkNames: string[];
  /** Town names in kana without their 市/町/村 (はまだ, しか): words of everyday Japanese too. */
  private readonly kanaStems = new Set<string>();

  /**
   * @param isCommonWord romaji names that are also words residents write ("date" is 伊達) are
   *   recognised only capitalised or with a qualifier ("Date city", "date-shi").
   * @param homePrefecture where a name shared by two towns is looked for first.
   */
  constructor(
    readonly data: MunicipalityFile,
    private readonly home?: string,
    isCommonWord: (word: string) => boolean = () => false,
    private readonly kinds: PlaceKindWords = placeKindWords([]),
    homePrefecture?: string,
  ) {
    const prefectureKeys = new Set<string>();
    for (const prefecture of data.prefectures) {
      const match: PlaceMatch = { type: 'prefecture', prefecture };
      for (const name of [
        prefecture.ja,
        prefecture.heading,
        ...prefecture.aliases,
        ...Object.values(prefecture.names),
      ]) {
        if (!name) continue;
        const key = fold(name);
        prefectureKeys.add(key);
        this.names.set(key, match);
        const stem = key.replace(/(県|府|都|-ken|ken| ken)$/u, '');
        if (stem.length >= 2) {
          prefectureKeys.add(stem);
          this.names.set(stem, match);
        }
      }
    }
    // A name two towns share (沼田: 沼田市 in Gunma, 沼田町 in Hokkaido) is the one in the home
    // prefecture, which residents mean; elsewhere, the first in the release's order.
    const homeFirst = [...data.prefectures].sort(
      (a, b) => Number(b.ja === homePrefecture) - Number(a.ja === homePrefecture),
    );
    for (const prefecture of homeFirst) {
      for (const municipality of prefecture.municipalities) {
        const match: PlaceMatch = { type: 'municipality', municipality, prefecture };
        const full = [municipality.ja, municipality.kana].map(fold);
        const romaji = fold(municipality.romaji);
        for (const key of full) this.names.set(key, match);
        const { before, after } = kinds[municipality.kind];
        for (const r of new Set([romaji, romaji.replace(/-/g, ''), romaji.replace(/-/g, ' ')])) {
          for (const word of after) {
            if (!/^[a-z]/.test(word)) this.names.set(`${r}${word}`, match);
            else for (const sep of [' ', '-']) this.names.set(`${r}${sep}${word}`, match);
          }
          for (const word of before) this.names.set(`${word} ${r}`, match);
        }
        // Stems and romaji collide with prefectures (千葉市 / 千葉県): the prefecture keeps those.
        const loose = [
          ...full.map((k) => k.replace(SUFFIX, '')),
          romaji,
          romaji.replace(/-/g, ' '),
          romaji.replace(/-/g, ''),
        ];
        for (const key of loose) {
          if (key.length < 2 || prefectureKeys.has(key) || this.names.has(key)) continue;
          if (/^[a-z -]+$/.test(key) && (key.length < 3 || isCommonWord(key))) {
            if (!this.wordNames.has(key)) this.wordNames.set(key, match);
            continue;
          }
          if (HIRAGANA.test(key)) {
            // Two kana are a word before they are a town (しき is 式 before 志木).
            if (key.length < 3) continue;
            this.kanaStems.add(key);
          }
          this.names.set(key, match);
        }
      }
    }
    this.cjkNames = [...this.names.keys()]
      .filter((k) => /[^\x00-\x7f]/.test(k))
      .sort((a, b) => b.length - a.length);
  }

  /** The most specific place named in the text: a listed municipality, else a prefecture, else an unlisted 〇〇市. */
  find(text: string): PlaceMatch | undefined {
    const folded = fold(text);
    let found: PlaceMatch | undefined;
    // Text with kanji writes its towns in kanji: はまだ in 日本語はまだ少し is "not yet", not 浜田.
    const kanji = HAS_HAN.test(folded);
    for (const name of HAS_CJK.test(folded) ? this.cjkNames : []) {
      if (kanji && this.kanaStems.has(name)) continue;
      if (containsName(folded, name)) {
        found = better(found, this.names.get(name)!);
        if (found.type === 'municipality') return found;
      }
    }
    const words = folded.match(/[a-z]+(?:-[a-z]+)*/g) ?? [];
    const titled = new Set(text.match(/\b[A-Z][a-z]+\b/g)?.map((w) => w.toLowerCase()) ?? []);
    for (let i = 0; i < words.length; i++) {
      // The longest run of words that names a place: "cidade de toyota" before "toyota".
      for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 1; n--) {
        const key = words.slice(i, i + n).join(' ');
        const hit =
          this.names.get(key) ??
          (n === 1 && (titled.has(key) || this.nextIsItsPrefecture(key, words.slice(i + 1, i + 3)))
            ? this.wordNames.get(key)
            : undefined);
        if (hit) {
          found = better(found, hit);
          i += n - 1;
          break;
        }
      }
    }
    if (found) return found;
    const unlisted = (text.normalize('NFKC').match(JA_PLACE) ?? []).find(
      (n) => !this.home || !n.endsWith(this.home),
    );
    return unlisted ? { type: 'unlisted', name: unlisted } : undefined;
  }

  /**
   * The listed city that shares a prefecture's name (広島市 in 広島県), which a resident naming
   * "Hiroshima" most often means, unless the text says prefecture ("広島県", "Hiroshima-ken",
   * "tỉnh Fukui").
   */
  namesakeCity(text: string, prefecture: Prefecture): Municipality | undefined {
    const stem = prefecture.ja.replace(/[都道府県]$/u, '');
    const city = prefecture.municipalities.find((m) => m.ja === `${stem}市`);
    if (!city) return undefined;
    const folded = fold(text);
    const words = ` ${folded.replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
    const { before, after } = this.kinds.prefecture;
    const qualified =
      folded.includes(fold(prefecture.ja)) ||
      [...before, ...after].some((w) =>
        /^[a-z]/.test(w) ? words.includes(` ${w} `) : folded.includes(w),
      );
    return qualified ? undefined : city;
  }

  /** The folded names a place goes by (kanji, kana, romaji, without 市/県), longest first. */
  namesOf(place: PlaceMatch): string[] {
    const raw =
      place.type === 'municipality'
        ? [place.municipality.ja, place.municipality.kana, place.municipality.romaji]
        : place.type === 'prefecture'
          ? [
              place.prefecture.ja,
              place.prefecture.heading,
              ...place.prefecture.aliases,
              ...Object.values(place.prefecture.names),
            ]
          : [place.name];
    const names = new Set<string>();
    for (const name of raw) {
      if (!name) continue;
      const key = fold(name);
      for (const variant of [key, key.replace(/-/g, ''), key.replace(/-/g, ' ')]) {
        names.add(variant);
        names.add(variant.replace(/(市|町|村|県|府|都|し|けん)$/u, ''));
      }
    }
    return [...names].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length);
  }

  /** "toda (saitama)": a name that is also a word, followed by its own prefecture, is that place. */
  private nextIsItsPrefecture(word: string, next: readonly string[]): boolean {
    const place = this.wordNames.get(word);
    if (place?.type !== 'municipality') return false;
    return next.some((w) => {
      const after = this.names.get(w);
      return after?.type === 'prefecture' && after.prefecture.ja === place.prefecture.ja;
    });
  }

  /** Municipalities listed under a prefecture, in the release's order. */
  listOf(prefecture: Prefecture): Municipality[] {
    return prefecture.municipalities;
  }
}

const HIRAGANA = /^\p{Script=Hiragana}+$/u;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAS_HAN = /\p{Script=Han}/u;
/** After a place name written in kana, only a particle or a break may follow (さがし in さがしてる is no place). */
const PARTICLE = /[はがをにのでともへやか]/u;

/** A name found inside a longer name (伊勢 in 伊勢崎) or inside kana text (くれ in してくれる) is not that place. */
function containsName(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if (HIRAGANA.test(name)) {
      const clearBefore = !before || !HIRAGANA.test(before);
      const clearAfter = !after || !HIRAGANA.test(after) || PARTICLE.test(after);
      if (clearBefore && clearAfter) return true;
      continue;
    }
    if (
      (!before || !JA_NAME_CHAR.test(before)) &&
      (!after || !JA_NAME_CHAR.test(after) || /[市町村県]$/u.test(name))
    )
      return true;
  }
  return false;
}

function better(current: PlaceMatch | undefined, next: PlaceMatch): PlaceMatch {
  if (!current) return next;
  return current.type === 'municipality' ? current : next;
}
