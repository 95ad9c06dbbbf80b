/** Twilio's TwiML answer: one <Message> with the reply, or an empty <Response/> for "send nothing". */
export function twimlMessage(text: string | null): string {
  const body = text === null ? '<Response/>' : `<Response><Message>${escapeXml(text)}</Message></Response>`;
  return `<?xml version="1.0" encoding="UTF-8"?>${body}`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => xmlEntities[character] ?? character);
}

const xmlEntities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
