/** A problem found in one knowledge or locale file. */
export interface KnowledgeIssue {
  file: string;
  entryId?: string;
  path: string;
  message: string;
}

/** The knowledge base cannot be used: lists every problem so an editor can fix them in one pass. */
export class KnowledgeError extends Error {
  constructor(readonly issues: KnowledgeIssue[]) {
    super(
      `koyo-bot: the knowledge or locale files are invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues
          .map(
            (i) =>
              `  - ${i.file}${i.entryId ? ` [entry ${i.entryId}]` : ''} at ${i.path || '(root)'}: ${i.message}`,
          )
          .join('\n'),
    );
    this.name = 'KnowledgeError';
  }
}

/** An environment variable is missing or has a bad value. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(`koyo-bot: invalid configuration: ${message}`);
    this.name = 'ConfigError';
  }
}

/** An HTTP error with a stable machine-readable code, mapped to JSON by the web channel. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
