import { Analyzer } from '../src/engine/text/analyzer';
import { languageProfiles } from './helpers';
import { groupQuestions } from '../src/insights/report';

it('probe', async () => {
  const an = new Analyzer(languageProfiles());
  for (const [t, l] of [['how much is the minimum wage?', 'en'], ['What is the minimum wage?', 'en'], ['minimum wage how much', 'en'], ['how much is the minimum wage in Gunma?', 'en'], ['where can I park my car?', 'en'], ['how much is the minimum wage', 'pt'], ['quanto é o salário mínimo?', 'pt'], ['qual é o salário mínimo', 'pt'], ['最低賃金はいくらですか', 'ja'], ['最低賃金はいくら？', 'ja'], ['lương tối thiểu là bao nhiêu?', 'vi'], ['lương tối thiểu bao nhiêu', 'vi']] as const)
    console.log(JSON.stringify(t), l, JSON.stringify(an.terms(t, l)));
  try { console.log(groupQuestions([{ time: '2025-01-01T00:00:00Z', lang: 'en', text: 'x' } as never], (t, l) => an.terms(t, l))); } catch (e) { console.log('THROWS', (e as Error).message); }
});
