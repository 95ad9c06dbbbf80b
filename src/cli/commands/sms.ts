import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig, localBaseUrl } from '../../config.ts';
import { twilioSignatureFor } from '../../sms/twilio-webhook.ts';
import type { CliIo } from '../cli-io.ts';
import { usages } from '../usage.ts';

/**
 * `sms "BODY" --from +1...`: sends the server's SMS webhook a message the way Twilio would (form-encoded,
 * signed with TWILIO_AUTH_TOKEN over PUBLIC_BASE_URL when that is set) and prints the reply text.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const options = { from: { type: 'string' }, to: { type: 'string' }, url: { type: 'string' }, sid: { type: 'string' } } as const;
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${usages.sms}`);
    return 2;
  }
  const body = parsed.positionals.join(' ');
  const from = parsed.values.from;
  if (!body || !from) {
    io.stderr.write(usages.sms);
    return 2;
  }
  const config = loadConfig(io.env);
  const serverUrl = (parsed.values.url ?? localBaseUrl(config.host, config.port)).replace(/\/+$/, '');
  const form = new URLSearchParams({
    From: from,
    To: parsed.values.to ?? '+18885550199',
    Body: body,
    MessageSid: parsed.values.sid ?? `SM${randomBytes(16).toString('hex')}`,
    NumMedia: '0',
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (config.twilioAuthToken) {
    // The server checks the signature against PUBLIC_BASE_URL, the address Twilio would call.
    headers['x-twilio-signature'] = twilioSignatureFor(config.twilioAuthToken, `${(config.publicBaseUrl ?? serverUrl).replace(/\/+$/, '')}/api/v1/sms`, form);
  }
  let response: Response;
  try {
    response = await fetch(`${serverUrl}/api/v1/sms`, { method: 'POST', headers, body: form.toString() });
  } catch {
    io.stderr.write(`Cannot reach ${serverUrl}: is the server running (npm start)?\n`);
    return 1;
  }
  const text = await response.text();
  if (response.status === 404) {
    io.stderr.write(`The server at ${serverUrl} has no SMS webhook (started with SMS_WEBHOOK=off?).\n`);
    return 1;
  }
  if (!response.ok) {
    io.stderr.write(`${response.status}: ${text}\n`);
    return 1;
  }
  const message = /<Message>([\s\S]*)<\/Message>/.exec(text)?.[1];
  if (message === undefined) {
    io.stderr.write('(no reply: this MessageSid was already answered, or the number has opted out)\n');
    return 0;
  }
  io.stdout.write(`${unescapeXml(message)}\n`);
  return 0;
}

function unescapeXml(text: string): string {
  const entities: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_match, name: string) => entities[name] ?? '');
}
