/**
 * Delivering alerts to duty-bearers: the message built from an alert, the notifier interface, a file outbox and
 * a signed webhook.
 * @module
 */
export * from "./alert-message.js";
export * from "./deliver-alerts.js";
export * from "./file-outbox.notifier.js";
export * from "./notifier.js";
export * from "./webhook.notifier.js";
