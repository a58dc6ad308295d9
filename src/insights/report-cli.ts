/**
 * `npm run report`: the most frequent questions the bot could not answer, per language.
 *   npm run report -- [--days 30] [--lang pt] [--top 20] [--json]
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { Analyzer } from '../engine/text/analyzer';
import { loadKnowledge } from '../knowledge/load';
import { KNOWLEDGE_DIR } from '../runtime/paths';
import { groupQuestions, readRecords } from './report';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '30' },
    lang: { type: 'string' },
    top: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
  },
});
const days = Number(values.days);
const top = Number(values.top);
if (!Number.isInteger(days) || days < 1 || !Number.isInteger(top) || top < 1) {
  process.stderr.write('koyo-bot report: --days and --top take a whole number of at least 1\n');
  process.exit(2);
}
const config = loadConfig();
const analyzer = new Analyzer(loadKnowledge(KNOWLEDGE_DIR).languages);
const since = new Date(Date.now() - days * 86_400_000);
const groups = groupQuestions(readRecords(config.DATA_DIR), (t, l) => analyzer.terms(t, l), {
  since,
})
  .filter((g) => !values.lang || g.lang === values.lang)
  .slice(0, top);

if (values.json)
  process.stdout.write(`${JSON.stringify({ since: since.toISOString(), groups }, null, 2)}\n`);
else {
  process.stdout.write(
    `Unanswered questions since ${since.toISOString().slice(0, 10)} (${config.DATA_DIR})\n\n`,
  );
  process.stdout.write(
    '| lang | count | question | also asked as | bot considered |\n|---|---|---|---|---|\n',
  );
  for (const g of groups) {
    const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
    process.stdout.write(
      `| ${g.lang} | ${g.count} | ${esc(g.example)} | ${esc(g.variants.slice(1).join(' / '))} | ${g.candidates.join(', ')} |\n`,
    );
  }
  if (groups.length === 0) process.stdout.write('(none)\n');
}
