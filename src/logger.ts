import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Callers log ids, languages and outcomes, never what a resident typed,
 * their address or their session id; the redaction below is a second line of defence.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'koyo-bot' },
    redact: {
      paths: ['text', '*.text', 'req.headers', 'ip', 'sessionId', 'user'],
      censor: '[redacted]',
    },
  });
}
