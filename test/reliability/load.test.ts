import autocannon from 'autocannon';
import { readEvalSet } from '../eval/dev-set';
import { buildTestRuntime, close, listen } from '../web/helpers';

/** A short load run through the whole stack: every request answered, none an error. */
describe('under a short load', () => {
  const runtime = buildTestRuntime({ RATE_LIMIT_PER_MINUTE: '0' });
  let url = '';

  beforeAll(async () => {
    url = (await listen(runtime)).httpUrl;
  });
  afterAll(() => close(runtime));

  it('answers 50 connections for 5 seconds with no errors and no non-2xx', async () => {
    const questions = readEvalSet()
      .slice(0, 40)
      .map((i) => i.text);
    const result = await autocannon({
      url: `${url}/api/chat`,
      connections: 50,
      duration: 5,
      requests: questions.map((text) => ({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      })),
    });
    expect(result.requests.total).toBeGreaterThan(100);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
  }, 30_000);

  it('answers with 429s only, never errors, when the rate limit is exceeded', async () => {
    const limited = buildTestRuntime({ RATE_LIMIT_PER_MINUTE: '20' });
    const at = await listen(limited);
    try {
      const result = await autocannon({
        url: `${at.httpUrl}/api/chat`,
        connections: 10,
        amount: 100,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'when is the ceremony?' }),
      });
      expect(result.errors).toBe(0);
      expect(result['2xx']).toBe(20);
      expect(result.non2xx).toBe(80);
      expect(result.statusCodeStats?.['429']?.count).toBe(80);
    } finally {
      await close(limited);
    }
  }, 30_000);
});
