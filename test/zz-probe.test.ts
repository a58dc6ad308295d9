import { loadEngine } from '../src/runtime/load-engine';
import { Analyzer } from '../src/engine/text/analyzer';
import { fold } from '../src/engine/text/normalize';

it('probe', async () => {
  const { engine, kb } = loadEngine();
  const an = new Analyzer(kb.languages);
  for (const p of kb.languages) for (const s of p.smalltalk.guided) {
    const r = engine.respond({ text: s });
    const r2 = engine.respond({ text: s, lang: p.code });
    console.log(p.code, JSON.stringify(s), r.reply.kind, r.reply.lang, r.action, r.reply.answerId, '| forced:', r2.action ?? r2.reply.answerId, '| bare:', fold(an.prepare(s)));
  }
});
