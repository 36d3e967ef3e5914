/**
 * The e-mail of a desk delivery, in English or French: plain text and HTML with the same content — the warning,
 * each requested action with its due date, the evidence and the answer link (and for a reminder or an
 * escalation, the request at stake and how overdue it is). Every value is escaped in the HTML.
 * @module
 */
import type { DeskMessage } from "./desk-message.js";

interface Words {
  readonly subject: Record<DeskMessage["purpose"], string>;
  readonly dear: string;
  readonly from: string;
  readonly asked: string;
  readonly due: string;
  readonly noDue: string;
  readonly evidence: string;
  readonly none: string;
  readonly answer: string;
  readonly expires: string;
  readonly lapse: (days: number, warning: string) => string;
  readonly reminder: string;
}

const WORDS: Record<"en" | "fr", Words> = {
  en: {
    subject: {
      warning: "Warning",
      reminder: "Reminder: answer requested",
      escalation: "Escalation: unanswered request",
    },
    dear: "To",
    from: "From",
    asked: "You are asked to",
    due: "due",
    noDue: "no due date",
    evidence: "Evidence",
    none: "none listed",
    answer: "Answer here (acknowledge, refuse with a reason, or report action taken)",
    expires: "This personal link expires on",
    lapse: (d, w) => `A request of warning ${w} lapsed unanswered: ${d} day(s) overdue.`,
    reminder: "A due date is close and no answer has been recorded.",
  },
  fr: {
    subject: {
      warning: "Alerte",
      reminder: "Rappel : réponse demandée",
      escalation: "Escalade : demande restée sans réponse",
    },
    dear: "À",
    from: "De",
    asked: "Il vous est demandé de",
    due: "échéance",
    noDue: "sans échéance",
    evidence: "Éléments de preuve",
    none: "aucun",
    answer: "Répondre ici (accuser réception, refuser en donnant un motif, ou signaler une action)",
    expires: "Ce lien personnel expire le",
    lapse: (d, w) => `Une demande de l'alerte ${w} est restée sans réponse : ${d} jour(s) de retard.`,
    reminder: "Une échéance approche et aucune réponse n'a été enregistrée.",
  },
};

/** The words of a language (English for any other). */
function wordsOf(language: string): Words {
  return language === "fr" ? WORDS.fr : WORDS.en;
}

/** HTML-escape text. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The rendered e-mail. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Render a delivery's e-mail.
 * @example renderEmail(message, "https://desk.example/answer/…").subject
 */
export function renderEmail(m: DeskMessage, link: string): RenderedEmail {
  const w = wordsOf(m.language);
  const intro =
    m.purpose === "escalation" && m.lapse
      ? w.lapse(m.lapse.daysOverdue, m.lapse.warning)
      : m.purpose === "reminder"
        ? w.reminder
        : undefined;
  const actions = m.actions.map(
    (a) => `${a.description} (${a.kind}; ${a.dueAt ? `${w.due} ${a.dueAt}` : w.noDue})`,
  );
  const evidence = m.evidence.map((e) => {
    const cites = e.citations.map((c) => (c.locator ? `${c.title}, ${c.locator}` : c.title)).join("; ");
    return `${e.label}${cites ? ` [${cites}]` : ""}`;
  });
  const expires = m.answerExpiresAt.slice(0, 10);
  const subject = `[Tocsin] ${w.subject[m.purpose]}: ${m.warning.summary}`.slice(0, 200);
  const lines = [
    `${w.dear}: ${m.recipient.name}`,
    `${w.from}: ${m.warning.sender} (${m.warning.date}, ${m.warning.id})`,
    "",
    ...(intro ? [intro, ""] : []),
    m.warning.summary,
    "",
    `${w.asked}:`,
    ...actions.map((a) => `- ${a}`),
    "",
    `${w.evidence}:`,
    ...(evidence.length > 0 ? evidence.map((e) => `- ${e}`) : [`- ${w.none}`]),
    "",
    `${w.answer}:`,
    link,
    `${w.expires} ${expires}.`,
  ];
  const li = (items: readonly string[]) =>
    `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
  const html = [
    `<!doctype html><html lang="${m.language === "fr" ? "fr" : "en"}"><body>`,
    `<p>${escapeHtml(`${w.dear}: ${m.recipient.name}`)}<br>${escapeHtml(`${w.from}: ${m.warning.sender} (${m.warning.date}, ${m.warning.id})`)}</p>`,
    ...(intro ? [`<p><strong>${escapeHtml(intro)}</strong></p>`] : []),
    `<p>${escapeHtml(m.warning.summary)}</p>`,
    `<h3>${escapeHtml(w.asked)}</h3>${li(actions)}`,
    `<h3>${escapeHtml(w.evidence)}</h3>${li(evidence.length > 0 ? evidence : [w.none])}`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(w.answer)}</a></p>`,
    `<p>${escapeHtml(`${w.expires} ${expires}.`)}</p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text: lines.join("\n"), html };
}
