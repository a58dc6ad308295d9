import type { Reply } from '../../engine/compose/reply';

/** What a client sends: botkit's web-adapter message format, with our optional `lang`. */
export interface IncomingMessage {
  type: 'message' | 'hello' | 'welcome_back';
  user: string;
  text?: string;
  lang?: string;
}

/** A reply as it leaves the bot: botkit's `{type, text}` with every field of our Reply beside them. */
export type OutgoingMessage = { type: 'message' } & Reply;

export const TRACE_KEY = 'koyoTrace';
