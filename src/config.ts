import { z } from 'zod';
import { ConfigError } from './errors';

const origin = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (
        (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === v.replace(/\/$/, '')
      );
    } catch {
      return false;
    }
  }, 'expected an origin such as https://www.city.isesaki.lg.jp (scheme, host and optional port, no path)');

/** A whole number in range; absent means the default (zod 4 does not parse defaults, so it is a number). */
const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((v) => v ?? fallback);

export const ConfigSchema = z.object({
  PORT: integer(1, 65535, 3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(origin)),
  RATE_LIMIT_PER_MINUTE: integer(0, 1_000_000, 60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false', '0', '1', '2', '3'])
    .default('false')
    .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v))),
  SESSION_MAX: integer(1, 10_000_000, 10_000),
  SESSION_IDLE_MINUTES: integer(1, 24 * 60, 30),
  DATA_DIR: z.string().trim().min(1).default('./data'),
});
export type Config = z.infer<typeof ConfigSchema>;

/**
 * Reads the configuration from environment variables. A bad value stops the start with a
 * message that names the variable and what was expected.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const result = ConfigSchema.safeParse(known);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (i) =>
      `${i.path.join('.') || '(env)'}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])] ?? '')})`,
  );
  throw new ConfigError(problems.join('; '));
}
