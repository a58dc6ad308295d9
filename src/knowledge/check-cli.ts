/** `npm run kb:check`: validates the knowledge base and the locales, and says what it found. */
import { KnowledgeError } from '../errors';
import { loadEngine } from '../runtime/load-engine';

try {
  const { kb, engine } = loadEngine();
  const municipalities = kb.municipalities.prefectures.reduce(
    (n, p) => n + p.municipalities.length,
    0,
  );
  process.stdout.write(
    `knowledge OK: ${kb.entries.length} entries in ${engine.languages.join(', ')}; ` +
      `${municipalities} municipalities in ${kb.municipalities.prefectures.length} prefectures; locales complete\n`,
  );
} catch (err) {
  process.stderr.write(`${err instanceof KnowledgeError ? err.message : String(err)}\n`);
  process.exit(1);
}
