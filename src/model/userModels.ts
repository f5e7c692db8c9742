/**
 * The models the user loaded, remembered in IndexedDB so that they are offered again after a
 * reload: a URL model by its address, a files model with its files (Blobs are stored as they are).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { UserModelSource } from './types';

const DB_NAME = 'attention-exchange-user-models';
const STORE = 'models';

interface StoredModel {
  readonly source: UserModelSource;
  readonly savedAt: number;
}

interface UserModelsDb extends DBSchema {
  models: { key: string; value: StoredModel };
}

let database: Promise<IDBPDatabase<UserModelsDb>> | null = null;

function db(): Promise<IDBPDatabase<UserModelsDb>> {
  database ??= openDB<UserModelsDb>(DB_NAME, 1, {
    upgrade(upgraded) {
      upgraded.createObjectStore(STORE);
    },
  });
  return database;
}

/** Remembered models, oldest first. */
export async function listUserModels(): Promise<UserModelSource[]> {
  const stored = await (await db()).getAll(STORE);
  return stored.sort((a, b) => a.savedAt - b.savedAt).map((entry) => entry.source);
}

export async function rememberUserModel(source: UserModelSource): Promise<void> {
  await (await db()).put(STORE, { source, savedAt: Date.now() }, source.id);
}

export async function forgetUserModel(id: string): Promise<void> {
  await (await db()).delete(STORE, id);
}
