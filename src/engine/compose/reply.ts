/** A button under a reply: what it shows and what it sends back. */
export interface QuickReply {
  label: string;
  payload: string;
}

export type ReplyKind =
  | 'answer'
  | 'lookup'
  | 'clarify'
  | 'fallback'
  | 'smalltalk'
  | 'menu'
  | 'language'
  | 'guided'
  | 'error';

/** The one reply object that every channel renders, as plain text. */
export interface Reply {
  lang: string;
  kind: ReplyKind;
  text: string;
  /** The knowledge entry answered; null for the fallback and for conversation moves. */
  answerId: string | null;
  quickReplies: QuickReply[];
  /** A human-readable source of the answer, in the reply's language. */
  source: string | null;
}

/** Payloads that buttons send; typed text that happens to look like one is checked before use. */
export const PAYLOAD = {
  answer: (id: string) => `answer:${id}`,
  menu: 'menu',
  lang: (code: string) => `lang:${code}`,
  guided: (profile = 'start') => `guided:${profile}`,
} as const;

export type Payload = { type: 'answer' | 'lang' | 'guided'; value: string } | { type: 'menu' };

export function parsePayload(text: string): Payload | undefined {
  const trimmed = text.trim();
  if (trimmed === PAYLOAD.menu) return { type: 'menu' };
  const m = /^(answer|lang|guided):([a-z0-9.:\-\u3000-\u9fff]{1,80})$/u.exec(trimmed);
  return m ? { type: m[1] as 'answer' | 'lang' | 'guided', value: m[2]! } : undefined;
}
