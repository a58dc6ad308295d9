import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeError } from '../../src/errors';
import { leafKeys, loadLocales } from '../../src/i18n/locales';
import { LOCALES_DIR } from '../../src/runtime/paths';

const LANGUAGES = ['en', 'ja', 'pt', 'vi'];

type Tree = ReturnType<typeof loadLocales>[string];

/** The string at a dotted key, or undefined. */
function leaf(tree: Tree, key: string): string | undefined {
  let node: Tree | string | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

describe('the real locales', () => {
  const locales = loadLocales(LOCALES_DIR);

  it('has a locale for every supported language', () => {
    expect(Object.keys(locales).sort()).toEqual(LANGUAGES);
  });

  it.each(LANGUAGES)('%s has every key of en', (code) => {
    const have = new Set(leafKeys(locales[code]!));
    const missing = leafKeys(locales.en!).filter((key) => !have.has(key));
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)('%s uses the same {{placeholders}} as en in every string', (code) => {
    const placeholders = (text: string | undefined) =>
      [...new Set([...(text ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();
    for (const key of leafKeys(locales.en!)) {
      expect({ key, placeholders: placeholders(leaf(locales[code]!, key)) }).toEqual({
        key,
        placeholders: placeholders(leaf(locales.en!, key)),
      });
    }
  });
});

describe('leafKeys', () => {
  it('lists the dotted leaf keys of a nested object', () => {
    expect(leafKeys({ a: 'x', b: { c: 'y', d: { e: 'z' } } })).toEqual(['a', 'b.c', 'b.d.e']);
  });
});

describe('loadLocales on a broken folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'koyo-locales-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing key, naming the file and the key', () => {
    writeFileSync(join(dir, 'en.json'), JSON.stringify({ bot: { hello: 'Hello', bye: 'Bye' } }));
    writeFileSync(join(dir, 'pt.json'), JSON.stringify({ bot: { hello: 'Olá' } }));
    let error: unknown;
    try {
      loadLocales(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(KnowledgeError);
    const message = (error as KnowledgeError).message;
    expect(message).toContain('locales/pt.json');
    expect(message).toContain('bot.bye');
    expect((error as KnowledgeError).issues).toEqual([
      expect.objectContaining({ file: 'locales/pt.json', path: 'bot.bye' }),
    ]);
  });

  it('reports a copy of a real locale with a key removed', () => {
    const en = readFileSync(join(LOCALES_DIR, 'en.json'), 'utf8');
    const vi = JSON.parse(readFileSync(join(LOCALES_DIR, 'vi.json'), 'utf8')) as {
      bot: Record<string, string>;
    };
    delete vi.bot.fallback;
    writeFileSync(join(dir, 'en.json'), en);
    writeFileSync(join(dir, 'vi.json'), JSON.stringify(vi));
    expect(() => loadLocales(dir)).toThrow(/locales\/vi\.json.*bot\.fallback/);
  });

  it('reports an empty string and invalid JSON, naming the file', () => {
    writeFileSync(join(dir, 'en.json'), JSON.stringify({ bot: { hello: '' } }));
    writeFileSync(join(dir, 'ja.json'), '{ not json');
    expect(() => loadLocales(dir)).toThrow(
      /locales\/en\.json[\s\S]*locales\/ja\.json|locales\/ja\.json[\s\S]*locales\/en\.json/,
    );
  });

  it('requires the reference locale', () => {
    writeFileSync(join(dir, 'ja.json'), JSON.stringify({ bot: { hello: 'こんにちは' } }));
    expect(() => loadLocales(dir)).toThrow(/locales\/en\.json/);
  });
});
