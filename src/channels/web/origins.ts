import type { RequestHandler } from 'express';

/**
 * The embedding policy: a page may use the chat from its own origin or from an origin in
 * ALLOWED_ORIGINS. Requests without an Origin header (curl, server-to-server) are not from a
 * browser page and are allowed; rate limits still apply to them.
 */
export class OriginPolicy {
  private readonly allowed: Set<string>;

  constructor(allowedOrigins: readonly string[]) {
    this.allowed = new Set(allowedOrigins.map((o) => o.replace(/\/$/, '')));
  }

  get list(): string[] {
    return [...this.allowed];
  }

  allows(origin: string | undefined, host: string | undefined): boolean {
    if (!origin) return true;
    if (this.allowed.has(origin)) return true;
    try {
      return host !== undefined && new URL(origin).host === host;
    } catch {
      return false;
    }
  }

  /** CORS for the API: allowed cross-origin pages get the headers (and preflights a 204). */
  cors(): RequestHandler {
    return (req, res, next) => {
      const origin = req.headers.origin;
      res.vary('Origin');
      if (origin && this.allowed.has(origin)) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
        res.setHeader('Access-Control-Max-Age', '600');
      }
      if (req.method === 'OPTIONS') {
        res.status(origin && this.allowed.has(origin) ? 204 : 403).end();
        return;
      }
      next();
    };
  }
}
