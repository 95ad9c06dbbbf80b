import type { DealerUser, DealerUserKind } from '../identity/dealer-user.ts';
import { dealerUserKinds } from '../identity/dealer-user.ts';

/** Dealer users and link codes as both engines store them (sqlite- and postgres/pg-dealer-user-repository.ts). */
export interface DealerUserRow {
  id: string;
  dealer_id: string;
  kind: string;
  external_id: string;
  linked_by: string;
  created_at: string;
  expires_at: string | null;
}

export interface LinkCodeRow {
  conversation_key: string;
  phone: string;
  dealer_id: string | null;
  code_hash: string;
  created_at: string;
  expires_at: string;
  attempts: number;
}

export const userColumns = 'id, dealer_id, kind, external_id, linked_by, created_at, expires_at';

export function toDealerUser(row: DealerUserRow): DealerUser {
  const kind = dealerUserKinds.find((candidate): candidate is DealerUserKind => candidate === row.kind);
  if (kind === undefined) throw new Error(`dealer user ${row.id} has an unknown kind "${row.kind}"`);
  return {
    id: row.id,
    dealerId: row.dealer_id,
    kind,
    externalId: row.external_id,
    linkedBy: row.linked_by === 'code' ? 'code' : 'api',
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
