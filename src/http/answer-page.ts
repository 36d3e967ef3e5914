/**
 * The answer page of a personal link: the warning, the actions asked of this recipient with their due dates, and
 * a form to acknowledge, refuse with a reason, or report action taken. No script; every value escaped; nothing
 * about other recipients' answers or any confidential source (the message was built without them).
 * @module
 */
import { ACTING_RESPONSES, REFUSAL_REASONS } from "../domain/index.js";
import { escapeHtml as esc, type DeskMessage } from "../desk/index.js";

const page = (lang: string, title: string, body: string) =>
  `<!doctype html><html lang="${lang === "fr" ? "fr" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${esc(title)}</title></head><body><main>${body}</main></body></html>`;

const T = {
  en: {
    title: "Answer to a warning",
    asked: "You are asked to",
    due: "due",
    ack: "Acknowledge receipt",
    refuse: "Refuse, because of",
    acted: "Report action taken",
    action: "Which request",
    all: "the whole warning",
    text: "Comment (optional)",
    send: "Send the answer",
    thanks: "Your answer is recorded. Thank you.",
    refused: "This link cannot be used",
  },
  fr: {
    title: "Répondre à une alerte",
    asked: "Il vous est demandé de",
    due: "échéance",
    ack: "Accuser réception",
    refuse: "Refuser, pour motif de",
    acted: "Signaler une action",
    action: "Quelle demande",
    all: "l'ensemble de l'alerte",
    text: "Commentaire (facultatif)",
    send: "Envoyer la réponse",
    thanks: "Votre réponse est enregistrée. Merci.",
    refused: "Ce lien ne peut pas être utilisé",
  },
};

const wordsOf = (lang: string) => (lang === "fr" ? T.fr : T.en);

/** The form page. */
export function answerFormPage(m: DeskMessage, csrf: string): string {
  const t = wordsOf(m.language);
  const actions = m.actions
    .map((a) => `<li>${esc(a.description)}${a.dueAt ? ` (${t.due} ${esc(a.dueAt)})` : ""}</li>`)
    .join("");
  const options = m.actions
    .map((a) => `<option value="${esc(a.id)}">${esc(a.description)}</option>`)
    .join("");
  const radio = (value: string, label: string, checked = false) =>
    `<label><input type="radio" name="answer" value="${value}"${checked ? " checked" : ""}> ${esc(label)}</label>`;
  return page(
    m.language,
    t.title,
    [
      `<h1>${esc(t.title)}</h1>`,
      `<p>${esc(m.recipient.name)} — ${esc(m.warning.sender)}, ${esc(m.warning.date)}</p>`,
      `<p>${esc(m.warning.summary)}</p>`,
      `<h2>${esc(t.asked)}</h2><ul>${actions}</ul>`,
      `<form method="post">`,
      `<input type="hidden" name="csrf" value="${esc(csrf)}">`,
      `<input type="hidden" name="warning" value="${esc(m.warning.id)}">`,
      `<p>${radio("acknowledge", t.ack, true)}</p>`,
      `<p>${radio("refuse", t.refuse)} <select name="reason">${REFUSAL_REASONS.map((r) => `<option>${r}</option>`).join("")}</select></p>`,
      `<p>${radio("action", t.acted)} <select name="response">${ACTING_RESPONSES.map((r) => `<option>${r}</option>`).join("")}</select></p>`,
      `<p><label>${esc(t.action)} <select name="action"><option value="">${esc(t.all)}</option>${options}</select></label></p>`,
      `<p><label>${esc(t.text)}<br><textarea name="text" maxlength="2000" rows="4" cols="60"></textarea></label></p>`,
      `<p><button type="submit">${esc(t.send)}</button></p>`,
      `</form>`,
    ].join("\n"),
  );
}

/** The page after an answer is recorded. */
export function answerThanksPage(lang: string): string {
  const t = wordsOf(lang);
  return page(lang, t.title, `<h1>${esc(t.thanks)}</h1>`);
}

/** The page of a refused link; the same for every reason, so it tells an attacker nothing. */
export function answerRefusedPage(): string {
  return page("en", T.en.refused, `<h1>${esc(T.en.refused)} / ${esc(T.fr.refused)}</h1>`);
}
