import { Engine } from '../engine/engine';
import type { MatchOptions } from '../engine/match/options';
import { createTranslator, loadLocales, type Translate } from '../i18n/locales';
import { loadKnowledge, type KnowledgeBase } from '../knowledge/load';
import { KNOWLEDGE_DIR, LOCALES_DIR } from './paths';

export interface LoadedEngine {
  engine: Engine;
  kb: KnowledgeBase;
  t: Translate;
  locales: ReturnType<typeof loadLocales>;
}

/**
 * Loads and validates the knowledge base and the locales, and builds the engine.
 * Throws KnowledgeError (every problem listed) when a file is invalid.
 */
export function loadEngine(
  dirs: { knowledge?: string; locales?: string } = {},
  options: Partial<MatchOptions> = {},
): LoadedEngine {
  const kb = loadKnowledge(dirs.knowledge ?? KNOWLEDGE_DIR);
  const locales = loadLocales(dirs.locales ?? LOCALES_DIR);
  const t = createTranslator(locales, kb.bot.defaultLanguage);
  return { engine: new Engine(kb, t, options), kb, t, locales };
}
