/**
 * Claims: recording one (subject, predicate, objects, figures) and deleting one. The subject is exactly one
 * model or organization; each object exactly one model, organization, technique or dataset.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type ClaimObjectKind, type ClaimSubjectKind, entities, inOrder } from '../db/entities.ts';
import { claim, claimObject, claimPredicate } from '../db/schema.ts';
import { ConflictError, parseInput } from '../errors.ts';
import { type EntityLocator, idBySlug, locate } from './references.ts';
import * as rule from './rules.ts';
import type { Tx } from './transaction.ts';

type ObjectKind = ClaimObjectKind;
const objectKinds = inOrder<ClaimObjectKind>({ model: true, organization: true, technique: true, dataset: true });
const subjectKinds = inOrder<ClaimSubjectKind>({ model: true, organization: true });

/** An object naming exactly one of `kinds` by slug. */
function target<K extends readonly ObjectKind[]>(kinds: K) {
  return z
    .strictObject(
      Object.fromEntries(kinds.map((kind) => [kind, rule.slug.nullish()])) as Record<
        K[number],
        z.ZodOptional<z.ZodNullable<typeof rule.slug>>
      >,
    )
    .superRefine((value, ctx) => {
      const given = kinds.filter((kind) => (value as Record<string, unknown>)[kind] != null);
      if (given.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: `give exactly one of ${kinds.map((k) => `"${k}"`).join(', ')}${given.length ? ` (got ${given.join(', ')})` : ''}`,
        });
      }
    });
}

export const recordClaimInput = z
  .strictObject({
    slug: rule.slug,
    source: rule.slug,
    ordinal: rule.positiveCount.nullish(),
    statement: rule.text,
    quote: rule.description.default(''),
    predicate: z.enum(claimPredicate.enumValues),
    subject: target(subjectKinds),
    objects: z.array(target(objectKinds)).max(100).default([]),
    quantity: z.number('must be a number').nullish(),
    quantityUnit: rule.name.max(100).nullish(),
    attributes: z.record(z.string(), z.unknown()).nullish(),
    qualifier: rule.text.nullish(),
    notes: rule.description.default(''),
  })
  .superRefine((input, ctx) => {
    if (input.quantityUnit != null && input.quantity == null) {
      ctx.addIssue({ code: 'custom', path: ['quantityUnit'], message: 'a unit needs a quantity' });
    }
  });

async function targetId(tx: Tx, value: Partial<Record<ObjectKind, string | null>>, path: string[]) {
  const kind = objectKinds.find((k) => value[k] != null) as ObjectKind;
  return { kind, id: await idBySlug(tx, entities[kind].typeName, value[kind] as string, [...path, kind]) };
}

export async function recordClaim(tx: Tx, raw: unknown): Promise<{ id: number }> {
  const input = parseInput(recordClaimInput, rule.dropNulls(raw));
  const sourceId = await idBySlug(tx, 'Source', input.source, ['input', 'source']);
  const subject = await targetId(tx, input.subject, ['input', 'subject']);
  const objects = [];
  for (const [index, object] of input.objects.entries()) {
    objects.push(await targetId(tx, object, ['input', 'objects', String(index)]));
  }
  const [taken] = await tx.select({ id: claim.id }).from(claim).where(eq(claim.slug, input.slug));
  if (taken) throw new ConflictError(`A claim with slug "${input.slug}" already exists.`, ['input', 'slug']);

  let ordinal = input.ordinal;
  if (ordinal == null) {
    const [next] = await tx
      .select({ ordinal: sql<number>`coalesce(max(${claim.ordinal}), 0)::int + 1` })
      .from(claim)
      .where(eq(claim.sourceId, sourceId));
    ordinal = Number(next?.ordinal ?? 1);
  } else {
    const [used] = await tx
      .select({ slug: claim.slug })
      .from(claim)
      .where(sql`${claim.sourceId} = ${sourceId} and ${claim.ordinal} = ${ordinal}`);
    if (used) {
      throw new ConflictError(`Claim "${used.slug}" already has ordinal ${ordinal} in source "${input.source}".`, [
        'input',
        'ordinal',
      ]);
    }
  }

  const [row] = await tx
    .insert(claim)
    .values({
      slug: input.slug,
      sourceId,
      ordinal,
      statement: input.statement,
      quote: input.quote,
      predicate: input.predicate,
      subjectModelId: subject.kind === 'model' ? subject.id : null,
      subjectOrganizationId: subject.kind === 'organization' ? subject.id : null,
      quantity: input.quantity ?? null,
      quantityUnit: input.quantityUnit ?? null,
      attributes: input.attributes ?? null,
      qualifier: input.qualifier ?? null,
      notes: input.notes,
    })
    .returning({ id: claim.id });
  if (!row) throw new Error('recordClaim: insert returned nothing');
  if (objects.length) {
    await tx.insert(claimObject).values(
      objects.map((object, position) => ({
        claimId: row.id,
        position,
        modelId: object.kind === 'model' ? object.id : null,
        organizationId: object.kind === 'organization' ? object.id : null,
        techniqueId: object.kind === 'technique' ? object.id : null,
        datasetId: object.kind === 'dataset' ? object.id : null,
      })),
    );
  }
  return row;
}

export async function deleteClaim(tx: Tx, where: EntityLocator): Promise<{ id: number }> {
  const id = await locate(tx, 'Claim', where, ['input', 'where']);
  await tx.delete(claim).where(eq(claim.id, id));
  return { id };
}
