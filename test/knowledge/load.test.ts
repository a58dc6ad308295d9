import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeError } from '../../src/errors';
import { loadKnowledge } from '../../src/knowledge/load';
import { KNOWLEDGE_DIR } from '../../src/runtime/paths';

const LANGUAGES = ['en', 'ja', 'pt', 'vi'];

describe('the real knowledge base', () => {
  const kb = loadKnowledge(KNOWLEDGE_DIR);
  const ids = new Set(kb.entries.map((e) => e.id));

  it('loads, with the four languages and entries', () => {
    expect(kb.languages.map((l) => l.code).sort()).toEqual(LANGUAGES);
    expect(kb.entries.length).toBeGreaterThan(20);
    expect(ids.size).toBe(kb.entries.length);
  });

  it.each(kb.entries.map((e) => [e.id, e] as const))(
    '%s has a title, an answer and at least 3 questions in every language',
    (_id, entry) => {
      expect(Object.keys(entry.text).sort()).toEqual(LANGUAGES);
      for (const lang of LANGUAGES) {
        const text = entry.text[lang]!;
        expect(text.title.trim()).not.toBe('');
        expect(text.answer.trim()).not.toBe('');
        expect(text.questions.length).toBeGreaterThanOrEqual(3);
      }
    },
  );

  it('every related id, menu id and prefecture answer names an existing entry', () => {
    const missing = [
      ...kb.entries.flatMap((e) =>
        e.related.filter((r) => !ids.has(r)).map((r) => `${e.id} → ${r}`),
      ),
      ...kb.bot.menu.filter((id) => !ids.has(id)).map((id) => `menu → ${id}`),
      ...Object.values(kb.bot.prefectureAnswers)
        .filter((id) => !ids.has(id))
        .map((id) => `prefectureAnswers → ${id}`),
    ];
    expect(missing).toEqual([]);
  });

  it('no entry relates to itself', () => {
    expect(kb.entries.filter((e) => e.related.includes(e.id)).map((e) => e.id)).toEqual([]);
  });

  it('the default language is one of the languages', () => {
    expect(LANGUAGES).toContain(kb.bot.defaultLanguage);
  });
});

describe('a broken copy of the knowledge base', () => {
  let dir: string;

  type EntryJson = { id: string; text: Record<string, { questions: string[] } | undefined> };
  function editEntry(file: string, id: string, edit: (entry: EntryJson) => void): void {
    const path = join(dir, 'entries', file);
    const data = JSON.parse(readFileSync(path, 'utf8')) as { entries: EntryJson[] };
    const entry = data.entries.find((e) => e.id === id);
    if (!entry) throw new Error(`no entry ${id} in ${file}`);
    edit(entry);
    writeFileSync(path, JSON.stringify(data, null, 2));
  }

  function loadError(): KnowledgeError {
    try {
      loadKnowledge(dir);
    } catch (err) {
      if (err instanceof KnowledgeError) return err;
      throw err;
    }
    throw new Error('expected the broken knowledge base to be rejected');
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'koyo-knowledge-'));
    cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the unmodified copy loads', () => {
    expect(() => loadKnowledge(dir)).not.toThrow();
  });

  it('names the file, the entry id and the field of every problem', () => {
    editEntry('ceremony.json', 'ceremony.date', (e) => delete e.text.vi);
    editEntry(
      'help.json',
      'help.hellowork',
      (e) => (e.text.en!.questions = ['Where is Hello Work?']),
    );

    const error = loadError();
    expect(error.message).toMatch(/entries\/ceremony\.json \[entry ceremony\.date\] at text\.vi/);
    expect(error.message).toMatch(
      /entries\/help\.json \[entry help\.hellowork\] at (entries\.\d+\.)?text\.en\.questions: .*at least 3/,
    );
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'entries/ceremony.json',
          entryId: 'ceremony.date',
          path: 'text.vi',
        }),
        expect.objectContaining({
          file: 'entries/help.json',
          entryId: 'help.hellowork',
          path: expect.stringMatching(/(^|\.)text\.en\.questions$/),
        }),
      ]),
    );
  });

  it('reports a related id that does not exist', () => {
    editEntry('ceremony.json', 'ceremony.time', (e) => {
      (e as EntryJson & { related: string[] }).related.push('ceremony.nowhere');
    });
    expect(loadError().message).toMatch(
      /entries\/ceremony\.json \[entry ceremony\.time\] at related\.\d+: .*"ceremony\.nowhere"/,
    );
  });

  it('reports an entry about a place the municipality list does not know', () => {
    editEntry(
      'gunma.json',
      'gunma.ota',
      (e) => ((e as EntryJson & { place: string }).place = '架空市'),
    );
    expect(loadError().message).toMatch(
      /entries\/gunma\.json \[entry gunma\.ota\] at place: .*"架空市"/,
    );
  });

  it('reports an aspect that is not one of the known aspects, in a list too', () => {
    editEntry(
      'help.json',
      'help.cityhall',
      (e) => ((e as EntryJson & { aspect: string[] }).aspect = ['place', 'parking']),
    );
    expect(loadError().message).toMatch(
      /\[entry help\.cityhall\] at aspect: expected one of date, .*list of them/,
    );
  });

  it('reports a duplicate id', () => {
    editEntry('help.json', 'help.employers', (e) => (e.id = 'help.hellowork'));
    expect(loadError().message).toMatch(/\[entry help\.hellowork\] at id: .*unique/);
  });

  it('reports an out-of-scope topic without a language, naming the file, topic and field', () => {
    const path = join(dir, 'out-of-scope.json');
    const data = JSON.parse(readFileSync(path, 'utf8')) as {
      topics: Array<{ id: string; text: Record<string, unknown> }>;
    };
    delete data.topics[0]!.text.pt;
    writeFileSync(path, JSON.stringify(data));
    expect(loadError().message).toMatch(
      new RegExp(
        `out-of-scope\\.json \\[entry ${data.topics[0]!.id.replace('.', '\\.')}\\] at topics\\.0\\.text\\.pt`,
      ),
    );
  });

  it('reports an out-of-scope topic whose id is an entry id (the engine tells them apart by id)', () => {
    const path = join(dir, 'out-of-scope.json');
    const data = JSON.parse(readFileSync(path, 'utf8')) as { topics: Array<{ id: string }> };
    data.topics[0]!.id = 'oos.visa';
    writeFileSync(path, JSON.stringify(data));
    editEntry('help.json', 'help.employers', (e) => (e.id = 'oos.visa'));
    expect(loadError().message).toMatch(
      /out-of-scope\.json \[entry oos\.visa\] at topics\.0\.id: .*unique/,
    );
  });

  it('reports a file that is not JSON, naming it', () => {
    writeFileSync(join(dir, 'entries', 'ceremony.json'), '{ "entries": [');
    expect(loadError().message).toContain('entries/ceremony.json');
  });
});
