import { loadConfig } from '../src/config';
import { ConfigError } from '../src/errors';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toMatchObject({
      HOST: '0.0.0.0',
      ALLOWED_ORIGINS: [],
      LOG_LEVEL: 'info',
      TRUST_PROXY: 0,
      DATA_DIR: './data',
      PORT: 3000,
      RATE_LIMIT_PER_MINUTE: 60,
      SESSION_MAX: 10000,
      SESSION_IDLE_MINUTES: 30,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ HOST: '', LOG_LEVEL: '' })).toMatchObject({
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
    });
  });

  it('reads whole numbers, trimmed', () => {
    expect(
      loadConfig({
        PORT: ' 8080 ',
        RATE_LIMIT_PER_MINUTE: '120',
        SESSION_MAX: '500',
        SESSION_IDLE_MINUTES: '5',
      }),
    ).toMatchObject({
      PORT: 8080,
      RATE_LIMIT_PER_MINUTE: 120,
      SESSION_MAX: 500,
      SESSION_IDLE_MINUTES: 5,
    });
  });

  it('allows RATE_LIMIT_PER_MINUTE=0 (no limit)', () => {
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }).RATE_LIMIT_PER_MINUTE).toBe(0);
  });

  it.each(['abc', '70000', '0', '-1', '80.5', '1e3'])('rejects PORT=%s, naming PORT', (port) => {
    const err = configError({ PORT: port });
    expect(err.message).toMatch(/\bPORT\b/);
    expect(err.message).toContain(JSON.stringify(port));
  });

  it('reads ALLOWED_ORIGINS as a comma-separated list of origins', () => {
    expect(
      loadConfig({ ALLOWED_ORIGINS: 'https://www.city.isesaki.lg.jp, http://localhost:3000' })
        .ALLOWED_ORIGINS,
    ).toEqual(['https://www.city.isesaki.lg.jp', 'http://localhost:3000']);
  });

  it.each([
    'https://www.city.isesaki.lg.jp/chat',
    'https://example.com/a?b=c',
    'ftp://example.com',
    'example.com',
    'https://ok.example, https://bad.example/path',
  ])('rejects ALLOWED_ORIGINS=%s, naming ALLOWED_ORIGINS', (origins) => {
    expect(configError({ ALLOWED_ORIGINS: origins }).message).toMatch(/\bALLOWED_ORIGINS\b/);
  });

  it.each([
    ['LOG_LEVEL', 'verbose'],
    ['TRUST_PROXY', 'yes'],
    ['SESSION_MAX', '0'],
    ['SESSION_IDLE_MINUTES', '100000'],
  ])('rejects %s=%s, naming it', (name, value) => {
    expect(configError({ [name]: value }).message).toContain(name);
  });

  it('reads TRUST_PROXY as a hop count', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
  });

  it('lists every bad variable in one error', () => {
    const message = configError({ PORT: 'abc', LOG_LEVEL: 'loud' }).message;
    expect(message).toContain('PORT');
    expect(message).toContain('LOG_LEVEL');
  });
});
