import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  readonly payload: AdapterPayload;
  readonly expiresAt: number;
}

/**
 * Storage of the development provider's sessions, codes and grants, in process memory with expiry. A
 * restart signs people out of the provider; the tokens it issued stay valid (their key is on disk).
 * Shared by all models of one provider, keyed by model name.
 */
export class DevIdpMemoryStore {
  private readonly entries = new Map<string, Entry>();

  adapterFor(model: string): Adapter {
    const key = (id: string): string => `${model}:${id}`;
    const live = (entry: Entry | undefined): AdapterPayload | undefined => (entry && entry.expiresAt > Date.now() ? entry.payload : undefined);
    const findBy = (field: 'userCode' | 'uid', value: string): AdapterPayload | undefined => {
      for (const [id, entry] of this.entries) {
        if (id.startsWith(`${model}:`) && entry.payload[field] === value) return live(entry);
      }
      return undefined;
    };
    return {
      upsert: async (id, payload, expiresIn) => {
        this.sweep();
        this.entries.set(key(id), { payload, expiresAt: Date.now() + (expiresIn ?? 3600) * 1000 });
      },
      find: async (id) => live(this.entries.get(key(id))),
      findByUserCode: async (userCode) => findBy('userCode', userCode),
      findByUid: async (uid) => findBy('uid', uid),
      consume: async (id) => {
        const entry = this.entries.get(key(id));
        if (entry) this.entries.set(key(id), { ...entry, payload: { ...entry.payload, consumed: Math.floor(Date.now() / 1000) } });
      },
      destroy: async (id) => {
        this.entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const [id, entry] of this.entries) if (entry.payload.grantId === grantId) this.entries.delete(id);
      },
    };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}
