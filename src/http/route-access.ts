/**
 * Which routes answer without API_TOKEN. Deny by default: with API_TOKEN set, a route needs
 * `Authorization: Bearer <API_TOKEN>` unless it is listed here, and the check runs on the route the
 * router matched (its registered path, e.g. "/api/v1/cases/:vin"), never on the request's URL, so no
 * spelling of a URL (absolute form, backslashes, escapes, dot segments) can reach a protected route
 * without the token. Each entry says what protects the route instead.
 *
 * A new route is protected the moment it is registered; making it public means adding it here, with
 * its reason (test/http/attack-url-spellings.test.ts checks every route not listed).
 */
export interface PublicRoute {
  method: string;
  /** The registered route path, exactly as given to server.get/post/..., or a prefix of it ending in "/". */
  path: string;
  /** True when `path` is a prefix of registered paths (a family of routes with their own guard). */
  prefix?: true;
  /** What protects the route when the API token does not. */
  guard: string;
}

export const publicRoutes: readonly PublicRoute[] = [
  { method: 'GET', path: '/healthz', guard: 'liveness probe: says only that the process runs' },
  { method: 'GET', path: '/readyz', guard: 'readiness probe: says only whether the database takes writes' },
  { method: 'POST', path: '/api/v1/sms', guard: "Twilio's X-Twilio-Signature (TWILIO_AUTH_TOKEN); scoped to the texting phone's dealer" },
  {
    method: 'POST',
    path: '/api/v1/sms/status',
    guard: "Twilio's X-Twilio-Signature (registered only with TWILIO_ACCOUNT_SID, so always signed); changes only a notice's delivery status",
  },
  { method: 'POST', path: '/api/messages', guard: 'Bot Framework JWT (MicrosoftAppId), or this machine only when that is off' },
  { method: 'GET', path: '/console', guard: 'a static page; every API call it makes needs the token' },
  { method: 'GET', path: '/console/', guard: 'a redirect to /console' },
  { method: 'GET', path: '/console/:asset', guard: 'static script and style of the console' },
  { method: 'GET', path: '/chat', guard: 'a static page; starting a conversation needs the token' },
  { method: 'GET', path: '/chat/assets/', prefix: true, guard: 'static script and style of the web chat' },
  { method: 'ANY', path: '/v3/directline/', prefix: true, guard: 'signed Direct Line tokens; starting a conversation needs the API token' },
  { method: 'ANY', path: '/directline/connector/', prefix: true, guard: "a per-conversation key in the path, and this machine's own calls only" },
];

/** True when the matched route (method and registered path) is listed as public. */
export function isPublicRoute(method: string, routePath: string, table: readonly PublicRoute[] = publicRoutes): boolean {
  return table.some(
    (entry) =>
      (entry.method === 'ANY' || entry.method === method.toUpperCase()) && (entry.prefix ? routePath.startsWith(entry.path) : routePath === entry.path),
  );
}
