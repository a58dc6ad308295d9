import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { KnowledgeError, type KnowledgeIssue } from '../errors';
import {
  BotFileSchema,
  EntryFileSchema,
  EntrySchema,
  GuidedFileSchema,
  LanguageProfileSchema,
  MunicipalityFileSchema,
  OutOfScopeFileSchema,
  type BotFile,
  type Entry,
  type GuidedFile,
  type LanguageProfile,
  type MunicipalityFile,
  type OutOfScopeTopic,
} from './schema';

/** Everything the engine knows, validated and cross-checked. */
export interface KnowledgeBase {
  languages: LanguageProfile[];
  entries: Entry[];
  municipalities: MunicipalityFile;
  bot: BotFile;
  guided: GuidedFile;
  /** Topics the bot knows it does not cover. */
  outOfScope: OutOfScopeTopic[];
}

class IssueCollector {
  readonly issues: KnowledgeIssue[] = [];
  constructor(private readonly root: string) {}

  add(file: string, path: string, message: string, entryId?: string): void {
    this.issues.push({ file: relative(this.root, file) || file, path, message, entryId });
  }

  /** Reads and parses one JSON file; records a problem and returns undefined when it cannot. */
  parse<S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      this.add(file, '', `expected a readable JSON file (${(err as Error).message})`);
      return undefined;
    }
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    for (const issue of result.error.issues) this.add(file, issue.path.join('.'), issue.message);
    return undefined;
  }

  /**
   * Validates one entry on its own, so a mistake in one entry neither hides the problems of
   * the others nor makes every reference to them look broken. Paths are relative to the entry.
   */
  entry(file: string, raw: unknown, index: number): Entry[] {
    const result = EntrySchema.safeParse(raw);
    if (result.success) return [result.data];
    const id = (raw as { id?: unknown } | null)?.id;
    const entryId = typeof id === 'string' ? id : `#${index + 1}`;
    for (const issue of result.error.issues)
      this.add(file, issue.path.join('.'), issue.message, entryId);
    return [];
  }
}

function jsonFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function crossCheck(
  issues: IssueCollector,
  entriesByFile: Map<string, Entry[]>,
  languages: LanguageProfile[],
  bot: BotFile | undefined,
  botFile: string,
  municipalities: MunicipalityFile | undefined,
): void {
  const places = new Set(
    municipalities?.prefectures.flatMap((p) => [p.ja, ...p.municipalities.map((m) => m.ja)]) ?? [],
  );
  if (bot?.homeMunicipality) places.add(bot.homeMunicipality);
  const codes = languages.map((l) => l.code);
  const ids = new Set<string>();
  for (const [file, entries] of entriesByFile) {
    for (const entry of entries) {
      if (ids.has(entry.id))
        issues.add(file, 'id', 'expected a unique id; it is used twice', entry.id);
      ids.add(entry.id);
      checkLanguages(issues, file, 'text', entry.text, codes, entry.id);
      if (entry.place !== undefined && municipalities && !places.has(entry.place))
        issues.add(
          file,
          'place',
          `expected the home municipality or a municipality or prefecture in municipalities.json, got "${entry.place}"`,
          entry.id,
        );
    }
  }
  for (const [file, entries] of entriesByFile) {
    for (const entry of entries) {
      entry.related.forEach((rel, i) => {
        if (!ids.has(rel))
          issues.add(file, `related.${i}`, `expected an existing entry id, got "${rel}"`, entry.id);
      });
    }
  }
  bot?.menu.forEach((id, i) => {
    if (!ids.has(id))
      issues.add(botFile, `menu.${i}`, `expected an existing entry id, got "${id}"`);
  });
  if (bot && !codes.includes(bot.defaultLanguage))
    issues.add(botFile, 'defaultLanguage', `expected one of ${codes.join(', ')}`);
}

function checkGuided(
  issues: IssueCollector,
  guided: GuidedFile,
  file: string,
  languages: LanguageProfile[],
  entriesByFile: Map<string, Entry[]>,
): void {
  const ids = new Set([...entriesByFile.values()].flat().map((e) => e.id));
  for (const { code } of languages) {
    if (!guided.prompt[code]) issues.add(file, `prompt.${code}`, `expected the ${code} text`);
    guided.profiles.forEach((p, i) => {
      if (!p.label[code])
        issues.add(file, `profiles.${i}.label.${code}`, `expected the ${code} text`, p.id);
      if (!p.answer[code])
        issues.add(file, `profiles.${i}.answer.${code}`, `expected the ${code} text`, p.id);
    });
  }
  guided.profiles.forEach((p, i) =>
    p.related.forEach((rel, j) => {
      if (!ids.has(rel))
        issues.add(
          file,
          `profiles.${i}.related.${j}`,
          `expected an existing entry id, got "${rel}"`,
          p.id,
        );
    }),
  );
}

/** Every language of the knowledge base has a text, and no text is in another language. */
function checkLanguages(
  issues: IssueCollector,
  file: string,
  path: string,
  text: Record<string, unknown>,
  codes: string[],
  id: string,
): void {
  for (const code of codes)
    if (!text[code]) issues.add(file, `${path}.${code}`, `expected the ${code} text`, id);
  for (const code of Object.keys(text))
    if (!codes.includes(code))
      issues.add(file, `${path}.${code}`, `expected one of ${codes.join(', ')}`, id);
}

/** Uncovered topics are told from entries by id, so an id must be neither repeated nor an entry's. */
function checkOutOfScope(
  issues: IssueCollector,
  topics: OutOfScopeTopic[],
  file: string,
  languages: LanguageProfile[],
  entriesByFile: Map<string, Entry[]>,
): void {
  const codes = languages.map((l) => l.code);
  const ids = new Set([...entriesByFile.values()].flat().map((e) => e.id));
  topics.forEach((topic, i) => {
    if (ids.has(topic.id))
      issues.add(file, `topics.${i}.id`, 'expected a unique id; it is used twice', topic.id);
    ids.add(topic.id);
    checkLanguages(issues, file, `topics.${i}.text`, topic.text, codes, topic.id);
  });
}

/**
 * Loads and validates the knowledge folder. Throws a KnowledgeError listing every
 * problem (file, entry id, field, what was expected) rather than stopping at the first.
 */
export function loadKnowledge(dir: string): KnowledgeBase {
  const issues = new IssueCollector(dir);
  const languages: LanguageProfile[] = [];
  for (const file of jsonFiles(join(dir, 'languages'))) {
    const profile = issues.parse(file, LanguageProfileSchema);
    if (profile) languages.push(profile);
  }
  if (languages.length === 0)
    issues.add(join(dir, 'languages'), '', 'expected at least one language profile');

  const entriesByFile = new Map<string, Entry[]>();
  for (const file of jsonFiles(join(dir, 'entries'))) {
    const parsed = issues.parse(file, EntryFileSchema);
    if (parsed)
      entriesByFile.set(
        file,
        parsed.entries.flatMap((raw, i) => issues.entry(file, raw, i)),
      );
  }
  if (entriesByFile.size === 0)
    issues.add(join(dir, 'entries'), '', 'expected at least one entry file');

  const municipalities = issues.parse(join(dir, 'municipalities.json'), MunicipalityFileSchema);
  const botFile = join(dir, 'bot.json');
  const bot = issues.parse(botFile, BotFileSchema);
  const guidedFile = join(dir, 'guided.json');
  const guided = issues.parse(guidedFile, GuidedFileSchema);
  const outOfScopeFile = join(dir, 'out-of-scope.json');
  const outOfScope = issues.parse(outOfScopeFile, OutOfScopeFileSchema);
  crossCheck(issues, entriesByFile, languages, bot, botFile, municipalities);
  if (guided) checkGuided(issues, guided, guidedFile, languages, entriesByFile);
  if (outOfScope)
    checkOutOfScope(issues, outOfScope.topics, outOfScopeFile, languages, entriesByFile);

  if (issues.issues.length > 0 || !municipalities || !bot || !guided || !outOfScope)
    throw new KnowledgeError(issues.issues);
  return {
    languages,
    entries: [...entriesByFile.values()].flat(),
    municipalities,
    bot,
    guided,
    outOfScope: outOfScope.topics,
  };
}
