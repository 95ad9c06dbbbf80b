import { describeActor, type Actor } from './actor.ts';

/** Who did something, as the case API shows it: the actor itself and how it reads ("Agent Dana Smith"). */
export interface ActorRef {
  actor: Actor;
  label: string;
}

export function actorRef(actor: Actor): ActorRef {
  return { actor, label: describeActor(actor) };
}
