import type { Request } from 'restify';
import type { Actor } from '../domain/actor.ts';

/**
 * The authenticated caller of an HTTP request, set once by the server's auth step (server.ts) on the
 * route the router matched. Routes read it with `actorOf`; they never look at headers themselves.
 */
const actors = new WeakMap<Request, Actor>();

export function setRequestActor(request: Request, actor: Actor): void {
  actors.set(request, actor);
}

/** The caller of a protected route. Throws when the auth step did not run: a wiring error, never a default. */
export function actorOf(request: Request): Actor {
  const actor = actors.get(request);
  if (actor === undefined) throw new Error('No authenticated actor on this request: the auth step did not run.');
  return actor;
}

/** The caller when one was authenticated (public routes may have none). */
export function optionalActorOf(request: Request): Actor | undefined {
  return actors.get(request);
}
