import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import { z } from 'zod';
import { KnowledgeError, type KnowledgeIssue } from '../errors';

/** Translates a key for a language; the engine and channels depend on this, not on i18next. */
export type Translate = (
  lang: string,
  key: string,
  vars?: Record<string, string | number>,
) => string;

type Tree = { [key: string]: string | Tree };
const TreeSchema: z.ZodType<Tree> = z.lazy(() =>
  z.record(z.string(), z.union([z.string().min(1, 'expected a non-empty string'), TreeSchema])),
);

/** Every leaf key of a nested locale object, dotted. */
export function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : leafKeys(v, `${prefix}${k}.`),
  );
}

/** Reads and validates locales/*.json; every locale must have every key the reference locale has. */
export function loadLocales(dir: string, reference = 'en'): Record<string, Tree> {
  const issues: KnowledgeIssue[] = [];
  const locales: Record<string, Tree> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const path = join(dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      issues.push({
        file: `locales/${file}`,
        path: '',
        message: `expected JSON (${(err as Error).message})`,
      });
      continue;
    }
    const parsed = TreeSchema.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        issues.push({ file: `locales/${file}`, path: i.path.join('.'), message: i.message });
      continue;
    }
    locales[basename(file, '.json')] = parsed.data;
  }
  const ref = locales[reference];
  if (!ref)
    issues.push({
      file: `locales/${reference}.json`,
      path: '',
      message: 'expected the reference locale',
    });
  else {
    const want = leafKeys(ref);
    for (const [code, tree] of Object.entries(locales)) {
      const have = new Set(leafKeys(tree));
      for (const key of want)
        if (!have.has(key))
          issues.push({
            file: `locales/${code}.json`,
            path: key,
            message: 'expected this key (it is in the reference locale)',
          });
    }
  }
  if (issues.length > 0) throw new KnowledgeError(issues);
  return locales;
}

/** Builds a private i18next instance (no globals, no network back-end) over the loaded locales. */
export function createTranslator(locales: Record<string, Tree>, fallbackLng = 'en'): Translate {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: Object.fromEntries(
      Object.entries(locales).map(([lng, tree]) => [lng, { translation: tree }]),
    ),
    fallbackLng,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  return (lang, key, vars) => instance.t(key, { lng: lang, ...vars });
}
