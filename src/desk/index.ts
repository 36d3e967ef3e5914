/**
 * The warning desk: issuing warnings through a transactional outbox, delivering them (e-mail, webhook, file
 * outbox) at least once, answer links, and the deadline watcher that reminds and escalates.
 * @module
 */
export * from "./answer.js";
export * from "./answer-token.js";
export * from "./backoff.js";
export * from "./channels/channel.js";
export * from "./channels/email.channel.js";
export * from "./channels/outbox.channel.js";
export * from "./channels/webhook.channel.js";
export * from "./clock.js";
export * from "./deadline-watcher.js";
export * from "./desk-error.js";
export * from "./desk-message.js";
export * from "./dispatcher.js";
export * from "./email-template.js";
export * from "./issue-warning.js";
export * from "./worker.js";
export * from "./draft-from-alert.js";
