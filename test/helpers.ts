import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionState, Turn } from '../src/engine/engine';
import { LanguageProfileSchema, type LanguageProfile } from '../src/knowledge/schema';
import { loadEngine, type LoadedEngine } from '../src/runtime/load-engine';
import { KNOWLEDGE_DIR } from '../src/runtime/paths';

let cached: LoadedEngine | undefined;

/** The real knowledge base, locales and engine, loaded once per test file. */
export function testEngine(): LoadedEngine {
  cached ??= loadEngine();
  return cached;
}

/** One turn: the engine's answer to a message, optionally inside a conversation's state. */
export function ask(text: string, state: SessionState = {}, lang?: string): Turn {
  return testEngine().engine.respond({ text, lang }, state);
}

/** A conversation that carries the session state from one message to the next. */
export function conversation(initial: SessionState = {}): {
  ask(text: string, lang?: string): Turn;
  readonly state: SessionState;
} {
  let state = initial;
  return {
    ask(text, lang) {
      const turn = ask(text, state, lang);
      state = turn.state;
      return turn;
    },
    get state() {
      return state;
    },
  };
}

/** The real language profiles alone, for unit tests of the text and language modules. */
export function languageProfiles(): LanguageProfile[] {
  const dir = join(KNOWLEDGE_DIR, 'languages');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => LanguageProfileSchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
}
