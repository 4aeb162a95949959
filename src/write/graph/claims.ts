/** Claims and their objects, checked with recordClaim's input rules. A claim owns its objects. */
import * as t from '../../db/schema.ts';
import { recordClaimInput } from '../claim.ts';
import { at, type GraphWriter } from './writer.ts';

/** A subject or object: exactly one of these slugs (recordClaimInput checks that). */
type Target = {
  model?: string | null;
  organization?: string | null;
  technique?: string | null;
  dataset?: string | null;
};

export async function writeClaims(g: GraphWriter, records: readonly object[]) {
  const inputs = g.parse(
    recordClaimInput,
    at('claims', records, (r) => r),
  );
  const id = (type: 'Model' | 'Organization' | 'Technique' | 'Dataset', slug: string | null | undefined) =>
    slug ? g.id(type, slug) : null;
  const targetColumns = (target: Target) => ({
    modelId: id('Model', target.model),
    organizationId: id('Organization', target.organization),
    techniqueId: id('Technique', target.technique),
    datasetId: id('Dataset', target.dataset),
  });
  await g.upsert(
    'claims',
    t.claim,
    inputs.map((c) => {
      const subject: Target = c.subject;
      return {
        slug: c.slug,
        sourceId: g.id('Source', c.source),
        ordinal: c.ordinal as number,
        statement: c.statement,
        quote: c.quote,
        predicate: c.predicate,
        subjectModelId: id('Model', subject.model),
        subjectOrganizationId: id('Organization', subject.organization),
        quantity: c.quantity ?? null,
        quantityUnit: c.quantityUnit ?? null,
        attributes: c.attributes ?? null,
        qualifier: c.qualifier ?? null,
        notes: c.notes,
      };
    }),
    [t.claim.slug],
  );
  await g.readIds('Claim');
  const objects = inputs.flatMap((c) =>
    c.objects.map((target, position) => ({ claimId: g.id('Claim', c.slug), position, ...targetColumns(target) })),
  );
  const key = [t.claimObject.claimId, t.claimObject.position];
  await g.prune(
    t.claimObject,
    t.claimObject.claimId,
    inputs.map((c) => g.id('Claim', c.slug)),
    key,
    objects.map((o) => [o.claimId, o.position]),
  );
  await g.upsert('claimObjects', t.claimObject, objects, key);
}
