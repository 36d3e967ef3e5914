/**
 * The rulebook file's structure (zod) and its JSON Schema. Names that refer to domain taxonomies (act types,
 * tags, roles…) are plain strings here on purpose: the engine's checker reports each unknown one by path.
 * @module
 */
import { z } from "zod";
import type { RulebookDocument } from "../domain/rulebook-document.js";

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "ids are letters, digits, '.', '-' or '_'");
const Positive = z.number().positive();
const Names = z.array(z.string().min(1));

const IndicatorSchema = z.strictObject({
  id: Id,
  factor: Id,
  text: z.string().min(1),
  weight: Positive,
  halfLifeDays: z.number().min(1),
  saturation: Positive,
  signals: Names,
  derivedFrom: z
    .strictObject({ indicators: z.array(Id).min(1), minPresent: z.number().int().min(1) })
    .optional(),
});

const MappingSchema = z.strictObject({
  id: Id,
  record: z.enum(["incident", "report", "warning", "response", "mandate", "statement", "series"]),
  description: z.string().optional(),
  when: z.strictObject({
    acts: Names.optional(),
    targetsGroup: z.boolean().optional(),
    organised: Names.optional(),
    stateInvolvement: Names.optional(),
    minFatalities: z.number().int().nonnegative().optional(),
    minDetained: z.number().int().nonnegative().optional(),
    tags: Names.optional(),
    qualifications: Names.optional(),
    mentionsGenocideRisk: z.boolean().optional(),
    actions: Names.optional(),
    responseKinds: Names.optional(),
    protectsCivilians: z.boolean().optional(),
    series: z.string().min(1).optional(),
    windowMonths: z.number().int().min(1).max(120).optional(),
    minHistoryMonths: z.number().int().min(1).max(120).optional(),
    minEvents: z.number().int().min(1).optional(),
    // Thresholds are checked by the engine's checker, which says why a value is not a rise.
    minEventsRatio: z.number().optional(),
    minEventsZ: z.number().optional(),
    minDisplaced: z.number().int().nonnegative().optional(),
    minCivilianFatalities: z.number().int().nonnegative().optional(),
    crimes: Names.optional(),
    crimeFindings: Names.optional(),
    ongoing: z.boolean().optional(),
    imminent: z.boolean().optional(),
    speakers: z.string().min(1).optional(),
  }),
  // A mapping read only by level criteria (rulebook 3) feeds no indicator.
  indicators: z.array(z.strictObject({ indicator: Id, strength: Positive })),
  scaleByFatalities: z.boolean().optional(),
  civilianVictims: z.boolean().optional(),
});

const ConditionSchema = z.strictObject({
  id: Id,
  text: z.string().min(1),
  mappings: z.array(Id).min(1),
  scope: z.string().min(1).optional(),
  withinDays: z.number().int().min(1).optional(),
  measure: z.string().min(1).optional(),
  min: z.number().positive().optional(),
  confidence: z.string().min(1).optional(),
  endedBy: z.array(Id).min(1).optional(),
});

const CriterionSchema = z.strictObject({
  id: Id,
  level: z.string().min(1),
  situations: z.string().min(1).optional(),
  requires: z.string().min(1).optional(),
  text: z.string().min(1),
  example: z.string().min(1).optional(),
  crimes: Names.optional(),
  conditions: z.array(ConditionSchema).min(1),
});

const Grades = z.strictObject({
  reliability: z.array(z.string().min(1)).min(1),
  credibility: z.array(z.number().int()).min(1),
});

const LevelSchema = z.strictObject({
  id: Id,
  level: z.string().min(1),
  minScore: z.number().nonnegative(),
  requires: z.array(z.strictObject({ signals: Names.min(1), minIndicators: z.number().int().min(1) })),
  current: z
    .strictObject({
      signals: Names.min(1),
      withinDays: z.number().int().min(0),
      minFatalities: z.number().int().min(0),
      minRecords: z.number().int().min(1),
    })
    .optional(),
  explanation: z.string().min(1),
});

export const RulebookSchema = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  version: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
  riskFactors: z
    .array(
      z.strictObject({
        id: Id,
        name: z.string().min(1),
        scope: z.enum(["common", "genocide", "crimes-against-humanity", "war-crimes"]),
        description: z.string().optional(),
      }),
    )
    .min(1),
  indicators: z.array(IndicatorSchema).min(1),
  mappings: z.array(MappingSchema),
  grading: z.strictObject({
    reliability: z.record(z.string(), z.number().min(0).max(1)),
    credibility: z.record(z.string(), z.number().min(0).max(1)),
    unknownSource: z.number().min(0).max(1),
  }),
  magnitude: z.strictObject({ perTenfoldFatalities: z.number().nonnegative(), max: z.number().min(1) }),
  presence: z.strictObject({ minStrength: z.number().gt(0).lt(1) }),
  evidencePerIndicator: z.number().int().min(1).max(50),
  levels: z.array(LevelSchema).optional(),
  criteria: z.array(CriterionSchema).optional(),
  confidence: z
    .strictObject({ confirmed: Grades, probable: Grades, independentSources: z.number().int().min(2) })
    .optional(),
  holdDays: z.number().int().min(0).optional(),
  speakers: z
    .strictObject({
      officialKinds: Names,
      officialRoles: Names,
      partyRoles: Names,
      partyKindsInOwnCountry: Names,
    })
    .optional(),
  situations: z
    .strictObject({
      civilians: z.strictObject({ mappings: z.array(Id).min(1) }),
      regions: z
        .strictObject({ mappings: z.array(Id).min(1), minEvents: z.number().int().min(1) })
        .optional(),
    })
    .optional(),
  escalation: z.strictObject({
    stages: z.array(
      z.strictObject({
        id: Id,
        name: z.string().min(1),
        follows: Id.nullable(),
        indicators: z.array(Id),
        reachedAtLevel: z.string().min(1).optional(),
      }),
    ),
  }),
  playbook: z.array(
    z.strictObject({
      level: z.string().min(1),
      actions: z.array(
        z.strictObject({
          kind: z.string().min(1),
          description: z.string().min(1),
          dueInDays: z.number().int().min(0),
        }),
      ),
      notifyRoles: Names,
    }),
  ),
}) satisfies z.ZodType<RulebookDocument & { $schema?: string }, unknown>;

export type RulebookFile = z.infer<typeof RulebookSchema>;

/**
 * The rulebook's JSON Schema as the text committed in rulebook/rulebook.schema.json (a test keeps the two in
 * step; regenerate with the command in docs/rulebook.md).
 */
export function rulebookJsonSchemaText(): string {
  const json = z.toJSONSchema(RulebookSchema, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  });
  return `${JSON.stringify({ ...json, title: "Tocsin early-warning rulebook", description: "See docs/rulebook.md." }, null, 2)}\n`;
}
