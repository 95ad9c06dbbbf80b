import { expect } from 'chai';
import { ConfigError } from '../src/errors.ts';
import { describeConfig, loadConfig, suggestMisspelledVariables } from '../src/config.ts';

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
    expect(configError({ API_TOKEN: 'short' })).to.match(/^API_TOKEN: .*\[redacted\]/).and.not.to.contain('short"');
  });
  it('refuses to expose the API beyond loopback without API_TOKEN', () => {
    expect(configError({ HOST: '0.0.0.0' })).to.match(/^HOST: .*API_TOKEN/);
    expect(loadConfig({ HOST: '0.0.0.0', API_TOKEN: 'a-long-enough-test-token' }).host).to.equal('0.0.0.0');
  });
  it('needs PUBLIC_BASE_URL to check Twilio signatures', () => {
    expect(configError({ TWILIO_AUTH_TOKEN: 'abc' })).to.match(/^PUBLIC_BASE_URL:/);
  });
  it('turns the LLM layer on only with a key', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1' }).openai).to.deep.include({ baseUrl: 'http://127.0.0.1:9999/v1', timeoutMs: 8000 });
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
  it('does not take the shell\'s own variables for ours', () => {
    expect(suggestMisspelledVariables({ HOME: '/root', PATH: '/bin', PWD: '/', USER: 'x', LANG: 'C', TERM: 'xterm', SHELL: '/bin/sh', NODE_ENV: 'test', LOGNAME: 'x' })).to.deep.equal([]);
  });
  it('says in the start-up description whether the API needs a token', () => {
    expect(describeConfig(loadConfig({}))).to.include({ apiAuth: 'off (loopback only)' });
    expect(describeConfig(loadConfig({ API_TOKEN: 'a-long-enough-test-token' }))).to.include({ apiAuth: 'bearer token required' });
  });
});
