/**
 * The install's keys: where the field key and the log's signing key live, how they are created and loaded, and
 * the guard that refuses a key file inside a git work tree.
 * @module
 */
export {
  DEFAULT_LOG_NAME,
  encryptingCodec,
  fieldKeyFileOf,
  installFieldKey,
  initLogKey,
  installLogKey,
  isServerLocation,
  keyDirOf,
  keySettingsFromEnv,
  logKeyFileOf,
  serverStoreId,
  type KeySettings,
} from "./install-keys.js";
