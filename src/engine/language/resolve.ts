/** What is known about the language of one turn, strongest first. */
export interface LanguageSignals {
  /** Chosen by the user for this message (API `lang`, a picker, a `/lang` command). */
  explicit?: string;
  /** Detected from the message's text. */
  detected?: string;
  /** The conversation's language so far. */
  session?: string;
  /** The bot's default. */
  fallback: string;
}

/**
 * The one policy for choosing a reply's language: an explicit choice wins, then the
 * message's own language, then the conversation's, then the default.
 */
export function resolveLanguage(signals: LanguageSignals): string {
  return signals.explicit ?? signals.detected ?? signals.session ?? signals.fallback;
}
