/**
 * Open the store for one command and always close it; storage errors become clear CLI errors (exit 2).
 * @module
 */
import { openStore, StoreError, type Store } from "../storage/index.js";
import { CliError } from "./cli-error.js";

/** Run `fn` with an open store at `location`, closing it afterwards whatever happens. */
export async function withStore<T>(location: string, fn: (store: Store) => Promise<T>): Promise<T> {
  let store: Store;
  try {
    store = await openStore(location);
  } catch (e) {
    if (e instanceof StoreError) throw new CliError(e.message, 2);
    throw e;
  }
  try {
    return await fn(store);
  } catch (e) {
    if (e instanceof StoreError) throw new CliError(e.message, 2);
    throw e;
  } finally {
    await store.close();
  }
}
