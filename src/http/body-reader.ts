import type { Request, Response } from 'restify';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts';

/**
 * Reads a request body into `request.body` (a Buffer), for the routes to parse as JSON or a form.
 *
 * Written here instead of restify's bodyReader plugin, for two reasons. That plugin buffers the whole
 * body before it compares its size with the limit, so a chunked upload without Content-Length is held
 * in memory however large it grows; this reader stops keeping bytes at the limit and answers 413 at
 * once. And it builds every body with the deprecated `new Buffer()`, whose deprecation check captures a
 * stack trace on each of a process's first 10,000 calls: the first 10,000 POSTs after a start paid it.
 *
 * A Content-Encoding other than identity is refused with 415: no client of this server compresses its
 * requests (Bot Framework, Twilio, the console, Web Chat).
 */
export type BodyFailure = PayloadTooLargeError | UnsupportedMediaTypeError;

export function readRequestBody(
  maxBytes: number,
  refuse: (request: Request, response: Response, failure: BodyFailure) => void,
): (request: Request, response: Response, next: (proceed?: false) => void) => void {
  return (request, response, next) => {
    const announced = request.headers['content-length'];
    if ((announced === undefined || announced === '0') && request.headers['transfer-encoding'] === undefined) {
      next();
      return;
    }
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
      discardRest(request, response);
      refuse(request, response, new UnsupportedMediaTypeError(`Content-Encoding "${encoding}" is not supported: send the body uncompressed.`));
      next(false);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      detach();
      chunks.length = 0;
      discardRest(request, response);
      refuse(request, response, new PayloadTooLargeError(`The request body is larger than the ${maxBytes / (1024 * 1024)} MB limit.`));
      next(false);
    };
    const onEnd = (): void => {
      detach();
      request.body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
      next();
    };
    // The client went away mid-body: nobody is left to answer.
    const onAborted = (): void => {
      detach();
      next(false);
    };
    const detach = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onAborted);
      request.off('aborted', onAborted);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onAborted);
    request.on('aborted', onAborted);
  };
}

/** The rest of a refused body is read and dropped, and the connection closes after the answer. */
function discardRest(request: Request, response: Response): void {
  response.setHeader('connection', 'close');
  request.resume();
}
