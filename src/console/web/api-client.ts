import type { ApiErrorBody } from './api-types.ts';
import { text } from './messages.ts';

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiErrorBody };

const tokenKey = 'lra-console-api-token';

/** The API token, kept in sessionStorage: it lasts for this browser tab and is gone when the tab closes. */
export class TokenStore {
  get(): string | null {
    try {
      return sessionStorage.getItem(tokenKey);
    } catch {
      return null;
    }
  }

  set(token: string): void {
    sessionStorage.setItem(tokenKey, token);
  }

  clear(): void {
    sessionStorage.removeItem(tokenKey);
  }
}

export interface ApiClientOptions {
  tokenRequired: boolean;
  tokens: TokenStore;
  /** Called when the server answers 401 or a token is needed and none is stored. */
  onUnauthorized: (message: string) => void;
}

/** fetch() with the bearer token, JSON both ways, and every failure turned into the API's error shape. */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get<T>(path: string): Promise<ApiResult<T>> {
    return this.send<T>('GET', path, undefined);
  }

  post<T>(path: string, body: unknown): Promise<ApiResult<T>> {
    return this.send<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<ApiResult<T>> {
    return this.send<T>('PUT', path, body);
  }

  private async send<T>(method: string, path: string, body: unknown): Promise<ApiResult<T>> {
    const token = this.options.tokens.get();
    if (this.options.tokenRequired && !token) {
      this.options.onUnauthorized(text.tokenNeeded);
      return { ok: false, status: 401, error: { code: 'token_needed', message: text.tokenNeeded, field: null } };
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch {
      return { ok: false, status: 0, error: { code: 'network', message: text.networkError, field: null } };
    }
    const parsed = await readJson(response);
    if (response.ok) return { ok: true, status: response.status, data: parsed as T };
    const error = errorOf(parsed) ?? {
      code: `http_${response.status}`,
      message: `The server answered ${response.status} ${response.statusText}.`,
      field: null,
    };
    if (response.status === 401) {
      this.options.tokens.clear();
      this.options.onUnauthorized(token ? text.tokenExpired : text.tokenNeeded);
    }
    return { ok: false, status: response.status, error };
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    const body = await response.text();
    return body ? (JSON.parse(body) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function errorOf(body: unknown): ApiErrorBody | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error: unknown = body.error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, field } = error as Record<string, unknown>;
  if (typeof message !== 'string') return undefined;
  return { code: typeof code === 'string' ? code : 'error', message, field: typeof field === 'string' ? field : null };
}
