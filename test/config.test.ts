import { expect } from 'chai';
import { ConfigError } from '../src/errors.ts';
import { describeConfig, loadConfig, suggestMisspelledVariables } from '../src/config.ts';
import { startTestApp } from './support/test-app.ts';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig()', () => {
  it('runs locally with nothing set', () => {
    const config = loadConfig({});
    expect(config).to.include({ host: '127.0.0.1', port: 3978, logLevel: 'info', apiToken: undefined, openai: undefined });
    expect(config.dataDir).to.match(/\/data$/);
  });
  it('names the variable with a bad value', () => {
    expect(configError({ PORT: 'eighty' })).to.match(/^PORT: .*\(got "eighty"\)/);
    expect(configError({ LOG_LEVEL: 'loud' })).to.match(/^LOG_LEVEL:/);
    expect(configError({ OPENAI_BASE_URL: 'not a url' })).to.match(/^OPENAI_BASE_URL:/);
  });
  it('does not print a secret it refuses', () => {
    expect(configError({ API_TOKEN: 'short' }))
      .to.match(/^API_TOKEN: .*\[redacted\]/)
      .and.not.to.contain('short"');
  });
  it('refuses to expose the API beyond loopback without API_TOKEN', () => {
    expect(configError({ HOST: '0.0.0.0' })).to.match(/^HOST: .*API_TOKEN/);
    expect(loadConfig({ HOST: '0.0.0.0', API_TOKEN: 'a-long-enough-test-token', SMS_WEBHOOK: 'off' }).host).to.equal('0.0.0.0');
  });
  it('refuses an SMS webhook beyond loopback without Twilio signatures, unless it is switched off', () => {
    const exposed = { HOST: '0.0.0.0', API_TOKEN: 'a-long-enough-test-token' };
    expect(configError(exposed)).to.match(/^TWILIO_AUTH_TOKEN: .*SMS_WEBHOOK=off/);
    expect(configError({ ...exposed, HOST: '192.168.1.20', SMS_WEBHOOK: 'on' })).to.match(/^TWILIO_AUTH_TOKEN: /);
    expect(loadConfig({ ...exposed, SMS_WEBHOOK: 'off' }).smsWebhook).to.equal(false);
    expect(loadConfig({ ...exposed, TWILIO_AUTH_TOKEN: 'twilio-auth-token', PUBLIC_BASE_URL: 'https://lease.example.com' }).smsWebhook).to.equal(true);
    // On loopback only this machine can post to it: allowed unsigned, as before.
    expect(loadConfig({}).smsWebhook).to.equal(true);
    expect(loadConfig({ HOST: '127.0.0.2' }).smsWebhook).to.equal(true);
    expect(configError({ SMS_WEBHOOK: 'no' })).to.match(/^SMS_WEBHOOK:/);
    expect(describeConfig(loadConfig({ ...exposed, SMS_WEBHOOK: 'off' }))).to.include({ smsWebhook: 'off' });
  });
  it('needs PUBLIC_BASE_URL to check Twilio signatures', () => {
    expect(configError({ TWILIO_AUTH_TOKEN: 'abc' })).to.match(/^PUBLIC_BASE_URL:/);
  });
  it('turns the LLM layer on only with a key', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1' }).openai).to.deep.include({
      baseUrl: 'http://127.0.0.1:9999/v1',
      timeoutMs: 8000,
    });
  });
  it('sends the OpenAI key over plain http only to this machine', () => {
    for (const url of [
      'http://api.example.com/v1',
      'http://10.0.0.5:8080/v1',
      'http://localhost.example.com/v1',
      'http://app.localhost/v1',
      'http://[::2]/v1',
    ]) {
      expect(configError({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: url }), url).to.match(/^OPENAI_BASE_URL: .*http/);
    }
    expect(configError({ OPENAI_BASE_URL: 'ftp://models.example.com/v1' })).to.match(/^OPENAI_BASE_URL: /);
    for (const url of [
      'https://api.example.com/v1',
      'http://localhost:11434/v1',
      'http://127.0.0.1:9999/v1',
      'http://127.8.9.10/v1',
      'http://[::1]:8080/v1',
      'http://LOCALHOST/v1',
    ]) {
      expect(loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: url }).openai?.baseUrl, url).to.equal(url);
    }
  });
  it('lists the value of every secret variable that is set, for the logger to blank out', () => {
    const config = loadConfig({
      API_TOKEN: 'a-long-enough-test-token',
      TWILIO_AUTH_TOKEN: 'twilio-auth-token',
      PUBLIC_BASE_URL: 'https://lease.example.com',
      OPENAI_API_KEY: 'openai-key-value',
      MicrosoftAppId: 'app-id-is-not-secret',
      MicrosoftAppPassword: 'app-password-value',
      DIRECTLINE_TOKEN_SECRET: 'a-direct-line-secret-of-32-chars!',
    });
    expect([...config.secrets].sort()).to.deep.equal([
      'a-direct-line-secret-of-32-chars!',
      'a-long-enough-test-token',
      'app-password-value',
      'openai-key-value',
      'twilio-auth-token',
    ]);
    expect(loadConfig({}).secrets).to.deep.equal([]);
  });
  it('describes the settings without secrets', () => {
    const description = JSON.stringify(describeConfig(loadConfig({ API_TOKEN: 'a-long-enough-test-token', OPENAI_API_KEY: 'sk-secret' })));
    expect(description).not.to.contain('a-long-enough-test-token').and.not.to.contain('sk-secret');
  });
  it('suggests the right name for a misspelt variable', () => {
    expect(suggestMisspelledVariables({ API_TOKN: 'x', PATH: '/bin' })).to.deep.equal(['API_TOKN is not a setting; did you mean API_TOKEN?']);
    expect(suggestMisspelledVariables({ DATA_DIRS: './d', MicrosoftAppID: 'x' })).to.deep.equal([
      'DATA_DIRS is not a setting; did you mean DATA_DIR?',
      'MicrosoftAppID is not a setting; did you mean MicrosoftAppId?',
    ]);
  });
  it("does not take the shell's own variables for ours", () => {
    expect(
      suggestMisspelledVariables({
        HOME: '/root',
        PATH: '/bin',
        PWD: '/',
        USER: 'x',
        LANG: 'C',
        TERM: 'xterm',
        SHELL: '/bin/sh',
        NODE_ENV: 'test',
        LOGNAME: 'x',
      }),
    ).to.deep.equal([]);
  });
  it('says in the start-up description whether the API needs a token', () => {
    expect(describeConfig(loadConfig({}))).to.include({ apiAuth: 'off (loopback only)' });
    expect(describeConfig(loadConfig({ API_TOKEN: 'a-long-enough-test-token' }))).to.include({ apiAuth: 'bearer token required' });
  });
});

describe('SMS_WEBHOOK=off', () => {
  const form = {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'From=%2B16145550100&To=%2B18885550199&Body=STOP&MessageSid=SM1&NumMedia=0',
  };

  it('takes POST /api/v1/sms away (404), where the default answers it', async () => {
    const off = await startTestApp({ SMS_WEBHOOK: 'off' });
    const on = await startTestApp();
    try {
      expect((await fetch(`${off.baseUrl}/api/v1/sms`, form)).status).to.equal(404);
      expect((await fetch(`${on.baseUrl}/api/v1/sms`, form)).status).to.equal(200);
    } finally {
      await off.stop();
      await on.stop();
    }
  });
});
