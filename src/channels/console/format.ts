import type { Trace } from '../../engine/engine';
import type { OutgoingMessage } from '../../bot/botkit/turn';
import type { Translate } from '../../i18n/locales';

/** The reply as a resident sees it, as terminal text: the answer, its source and numbered buttons. */
export function formatReply(reply: OutgoingMessage, t: Translate): string {
  const lines = [reply.text];
  if (reply.source) lines.push(`  — ${reply.source}`);
  if (reply.quickReplies.length > 0) {
    lines.push(`  ${t(reply.lang, 'console.quickReplies')}:`);
    reply.quickReplies.forEach((q, i) => lines.push(`   [${i + 1}] ${q.label}`));
  }
  return lines.join('\n');
}

/** What /debug shows: the detected language, the top candidates with scores, and why the winner won. */
export function formatTrace(trace: Trace): string {
  const scores = Object.entries(trace.detection.scores)
    .map(([l, s]) => `${l}=${s}`)
    .join(' ');
  const lines = [
    `  lang: ${trace.lang} (detected: ${trace.detection.lang ?? 'unclear'}; ${scores || 'no text scores'})`,
    ...trace.candidates.map(
      (c, i) =>
        `  ${i + 1}. ${c.entryId.padEnd(28)} ${c.score.toFixed(3)}  terms: ${c.matchedTerms.join(', ')}  best sample: "${c.bestSample}"`,
    ),
    `  decision: ${trace.decision}`,
  ];
  return lines.join('\n');
}
