import { describe, expect, it } from 'vitest';

import { API_VERSIONS } from '../src/api-version.js';
import { checkVoiceLiveUpgrade, VOICE_LIVE_PATHS } from '../src/check-voice-live-upgrade.js';
import type {
  OfferedCredentials,
  UpgradeRequest,
  VoiceLiveUpgradePolicy,
} from '../src/check-voice-live-upgrade.js';
import type { UpgradeRejection } from '../src/upgrade-rejection.js';

const BASE = '/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime';

function request(url: string, headers: UpgradeRequest['headers'] = {}): UpgradeRequest {
  return { method: 'GET', url, headers };
}

/** A policy that accepts key `k1` or token `tok1`, and records what it was shown. */
function keyPolicy(seen: OfferedCredentials[] = []): VoiceLiveUpgradePolicy {
  return {
    authenticate: (offered) => {
      seen.push(offered);
      return offered.apiKeys.includes('k1') || offered.bearerTokens.includes('tok1');
    },
  };
}

function rejection(
  req: UpgradeRequest,
  policy: VoiceLiveUpgradePolicy = keyPolicy(),
): UpgradeRejection {
  const check = checkVoiceLiveUpgrade(req, policy);
  if (check.ok) throw new Error('expected a rejection');
  expect(JSON.parse(check.body)).toEqual({ error: { code: check.code, message: check.message } });
  return check;
}

describe('checkVoiceLiveUpgrade: accepted upgrades', () => {
  it('returns the api-version, the model target and the query without credentials', () => {
    const check = checkVoiceLiveUpgrade(
      request(`${BASE}&api-key=k1&authorization=Bearer+x&client-request-id=r1`),
      keyPolicy(),
    );
    expect(check).toMatchObject({
      ok: true,
      path: '/voice-live/realtime',
      apiVersion: '2025-10-01',
      apiVersionKnown: true,
      target: { kind: 'model', model: 'gpt-realtime' },
    });
    if (!check.ok) return;
    expect([...check.query.keys()]).toEqual(['api-version', 'model', 'client-request-id']);
  });

  it('reads agent targets, current and legacy spellings; model wins over an agent', () => {
    const target = (query: string) => {
      const check = checkVoiceLiveUpgrade(
        request(`/voice-live/realtime?api-version=v1&${query}`),
        {},
      );
      return check.ok ? check.target : check.code;
    };
    expect(target('agent-name=a&agent-project-name=p')).toEqual({
      kind: 'agent',
      agentName: 'a',
      projectName: 'p',
    });
    expect(target('agent_id=old&project_id=p')).toEqual({
      kind: 'agent',
      agentName: 'old',
      projectName: 'p',
    });
    expect(target('agent-id=old')).toEqual({
      kind: 'agent',
      agentName: 'old',
      projectName: undefined,
    });
    expect(target('model=gpt-4.1&agent-name=a&agent-project-name=p')).toEqual({
      kind: 'model',
      model: 'gpt-4.1',
    });
    expect(target('profile=byom-azure-openai-realtime&model=my-deploy')).toEqual({
      kind: 'model',
      model: 'my-deploy',
    });
    // An agent name without its project is no target.
    expect(target('agent-name=a')).toBe('MissingTarget');
  });

  it('accepts every path of the policy, defaulting to both Voice Live paths', () => {
    expect(VOICE_LIVE_PATHS).toEqual(['/voice-live/realtime', '/voice-agent/realtime']);
    const agentPath = BASE.replace('voice-live', 'voice-agent');
    expect(checkVoiceLiveUpgrade(request(agentPath), {}).ok).toBe(true);
    expect(checkVoiceLiveUpgrade(request(agentPath), { paths: ['/voice-live/realtime'] }).ok).toBe(
      false,
    );
  });

  it('is open without an authenticate function: any credential or none', () => {
    expect(checkVoiceLiveUpgrade(request(BASE), {}).ok).toBe(true);
    expect(checkVoiceLiveUpgrade(request(BASE, { 'api-key': 'anything' }), {}).ok).toBe(true);
  });

  it('accepts an unknown api-version unless strict, and says it was unknown', () => {
    const url = BASE.replace('2025-10-01', '2099-01-01');
    expect(checkVoiceLiveUpgrade(request(url), {})).toMatchObject({
      ok: true,
      apiVersion: '2099-01-01',
      apiVersionKnown: false,
    });
    for (const version of API_VERSIONS) {
      const check = checkVoiceLiveUpgrade(request(BASE.replace('2025-10-01', version)), {
        strictApiVersion: true,
      });
      expect(check).toMatchObject({ ok: true, apiVersionKnown: true });
    }
  });

  it('does not need a target when the policy says so', () => {
    const check = checkVoiceLiveUpgrade(request('/voice-live/realtime?api-version=v1'), {
      requireTarget: false,
    });
    expect(check).toMatchObject({ ok: true, target: undefined });
  });
});

describe('checkVoiceLiveUpgrade: credentials (§1.2)', () => {
  it.each([
    ['api-key header', BASE, { 'api-key': 'k1' }],
    ['api-key query', `${BASE}&api-key=k1`, {}],
    ['Bearer header', BASE, { authorization: 'Bearer tok1' }],
    ['Bearer header, other case', BASE, { Authorization: 'bearer  tok1 ' }],
    ['authorization query with +', `${BASE}&authorization=Bearer+tok1`, {}],
    ['authorization query with %20', `${BASE}&authorization=Bearer%20tok1`, {}],
    ['first of a repeated header', BASE, { 'api-key': ['k1', 'k2'] }],
  ])('accepts the %s', (_name, url, headers) => {
    expect(checkVoiceLiveUpgrade(request(url, headers), keyPolicy()).ok).toBe(true);
  });

  it('shows authenticate every credential offered, header first, tokens without "Bearer"', () => {
    const seen: OfferedCredentials[] = [];
    checkVoiceLiveUpgrade(
      request(`${BASE}&api-key=q&authorization=Bearer%20qt`, {
        'api-key': 'h',
        authorization: 'Bearer ht',
      }),
      keyPolicy(seen),
    );
    expect(seen).toEqual([{ apiKeys: ['h', 'q'], bearerTokens: ['ht', 'qt'] }]);
  });

  it('answers missing credentials with 401 naming what to send, without asking authenticate', () => {
    const seen: OfferedCredentials[] = [];
    // A non-Bearer authorization header is no credential.
    const check = rejection(request(BASE, { authorization: 'Basic xyz' }), keyPolicy(seen));
    expect(check).toMatchObject({ status: 401, code: 'Unauthorized' });
    expect(check.message).toMatch(/^missing credentials: send an api-key header/);
    expect(seen).toEqual([]);
  });

  it('answers a wrong key or token with 401 naming the server', () => {
    const wrongKey = rejection(request(BASE, { 'api-key': 'nope' }));
    expect(wrongKey).toMatchObject({ status: 401, code: 'Unauthorized' });
    expect(wrongKey.message).toBe('the API key or bearer token is not valid for this server');
    const gateway = rejection(request(BASE, { authorization: 'Bearer k1' }), {
      ...keyPolicy(),
      serverName: 'gateway',
    });
    expect(gateway.message).toBe('the API key or bearer token is not valid for this gateway');
  });
});

describe('checkVoiceLiveUpgrade: rejections, most basic mistake first', () => {
  it('answers another path with 404, before anything else', () => {
    const check = rejection(request('/openai/realtime'));
    expect(check).toMatchObject({ status: 404, code: 'NotFound' });
    expect(check.message).toBe(
      'no Voice Live endpoint at /openai/realtime; use /voice-live/realtime',
    );
    expect(rejection(request('/x'), { paths: ['/custom'] }).message).toContain('use /custom');
  });

  it('answers a method other than GET with 405', () => {
    const check = rejection({ method: 'POST', url: BASE, headers: { 'api-key': 'k1' } });
    expect(check).toMatchObject({ status: 405, code: 'MethodNotAllowed' });
    expect(checkVoiceLiveUpgrade({ url: BASE, headers: {} }, {}).ok).toBe(true);
  });

  it('answers a missing or empty api-version with 400, before the target and credentials', () => {
    for (const url of ['/voice-live/realtime', '/voice-live/realtime?api-version=']) {
      const check = rejection(request(url));
      expect(check).toMatchObject({ status: 400, code: 'MissingApiVersion' });
      expect(check.message).toContain('api-version');
    }
  });

  it('answers an unknown api-version with 400 in strict mode, listing the known ones', () => {
    const check = rejection(request(BASE.replace('2025-10-01', '2099-01-01')), {
      strictApiVersion: true,
    });
    expect(check).toMatchObject({ status: 400, code: 'UnsupportedApiVersion' });
    expect(check.message).toContain('2099-01-01');
    expect(check.message).toContain('2026-07-15');
  });

  it('answers a missing target with 400 before credentials', () => {
    const check = rejection(request('/voice-live/realtime?api-version=2025-10-01&model='));
    expect(check).toMatchObject({ status: 400, code: 'MissingTarget' });
    expect(check.message).toContain('model=<name>');
  });

  it('answers a request target that is no URL with 400', () => {
    expect(rejection(request('http://['))).toMatchObject({ status: 400, code: 'InvalidUrl' });
  });
});

describe('checkVoiceLiveUpgrade: dialect and VoiceLive-Features', () => {
  const V1 = '/voice-live/realtime?api-version=v1&model=gpt-realtime';

  it('reports the dialect of the api-version and the parsed features', () => {
    const v1 = checkVoiceLiveUpgrade(
      request(V1, { 'voicelive-features': 'Transcription=V1Preview, BargeIn=V1Preview' }),
      {},
    );
    expect(v1).toMatchObject({
      ok: true,
      dialect: 'v1',
      features: { BargeIn: 'V1Preview', Transcription: 'V1Preview' },
    });
    expect(checkVoiceLiveUpgrade(request(BASE), {})).toMatchObject({
      ok: true,
      dialect: 'dated',
      features: {},
    });
  });

  it('refuses credentials in the query on v1, even on an open server', () => {
    for (const query of ['api-key=k1', 'authorization=Bearer+tok1']) {
      const check = checkVoiceLiveUpgrade(request(`${V1}&${query}`, { 'api-key': 'k1' }), {});
      expect(check).toMatchObject({ ok: false, status: 401, code: 'Unauthorized' });
      if (!check.ok) expect(check.message).toMatch(/headers only/);
    }
    // The same query credential is fine on a dated version.
    expect(checkVoiceLiveUpgrade(request(`${BASE}&api-key=k1`), {})).toMatchObject({ ok: true });
  });

  it('refuses a malformed VoiceLive-Features header with 400', () => {
    const check = checkVoiceLiveUpgrade(request(V1, { 'VoiceLive-Features': 'BargeIn' }), {});
    expect(check).toMatchObject({ ok: false, status: 400, code: 'InvalidFeatures' });
  });
});
