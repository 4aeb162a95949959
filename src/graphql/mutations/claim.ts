/**
 * recordClaim, deleteClaim.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { deleteClaim, recordClaim } from '../../write/claim.ts';
import { builder } from '../builder.ts';
import { ClaimPredicateEnum } from '../types/enums.ts';
import { writeErrors } from '../types/errors.ts';
import { DeletePayload, EntityWhereInput, locator, stub, write } from './shared.ts';

const ClaimSubjectInput = builder.inputType('ClaimSubjectInput', {
  description: 'The subject of a claim: exactly one of a model and an organization, by slug.',
  fields: (t) => ({
    model: t.string({ description: 'Slug of the model the claim is about.' }),
    organization: t.string({ description: 'Slug of the organization the claim is about.' }),
  }),
});

const ClaimObjectInput = builder.inputType('ClaimObjectInput', {
  description: 'One object of a claim: exactly one of a model, organization, technique and dataset, by slug.',
  fields: (t) => ({
    model: t.string({ description: 'Slug of a model.' }),
    organization: t.string({ description: 'Slug of an organization.' }),
    technique: t.string({ description: 'Slug of a technique.' }),
    dataset: t.string({ description: 'Slug of a dataset or benchmark.' }),
  }),
});

const RecordClaimInput = builder.inputType('RecordClaimInput', {
  description: 'A statement a source makes, structured as subject, predicate and objects.',
  fields: (t) => ({
    slug: t.string({ required: true, description: 'Stable handle of the claim (unique).' }),
    source: t.string({ required: true, description: 'Slug of the source that makes the claim.' }),
    ordinal: t.int({
      description:
        'Position of the claim among its source’s claims (1 first, unique per source); defaults to the next free one.',
    }),
    statement: t.string({ required: true, description: 'The claim in short.' }),
    quote: t.string({ description: 'The words of the source that make the claim, verbatim.' }),
    predicate: t.field({ type: ClaimPredicateEnum, required: true, description: 'What the claim asserts.' }),
    subject: t.field({ type: ClaimSubjectInput, required: true, description: 'What the claim is about.' }),
    objects: t.field({ type: [ClaimObjectInput], description: 'The objects of the claim, in order.' }),
    quantity: t.float({ description: 'The figure the claim states.' }),
    quantityUnit: t.string({ description: 'Unit of `quantity` (needs a quantity).' }),
    attributes: t.field({ type: 'JSONObject', description: 'Attribute values the claim asserts.' }),
    qualifier: t.string({ description: 'Hedge or scope in the claim ("certain benchmarks").' }),
    notes: t.string({ description: 'How the claim was read from the source, and caveats.' }),
  }),
});

const DeleteClaimInput = builder.inputType('DeleteClaimInput', {
  description: 'The claim to delete.',
  fields: (t) => ({
    where: t.field({ type: EntityWhereInput, required: true, description: 'The claim (global ID or slug).' }),
  }),
});

const ClaimPayload = builder.objectRef<{ id: number }>('ClaimPayload').implement({
  description: 'The claim as written.',
  fields: (t) => ({
    claim: t.drizzleField({ type: 'claim', description: 'The claim.', resolve: (_q, p) => stub(p.id) }),
  }),
});

builder.mutationFields((t) => ({
  recordClaim: t.field({
    type: ClaimPayload,
    description: 'Records a claim with its objects. A taken slug or ordinal is a ConflictError. Needs the editor role.',
    authScopes: { editor: true },
    errors: writeErrors('recordClaim'),
    args: { input: t.arg({ type: RecordClaimInput, required: true, description: 'The claim.' }) },
    resolve: (_root, { input }, ctx) => write(ctx, 'recordClaim', (tx) => recordClaim(tx, input)),
  }),
  deleteClaim: t.field({
    type: DeletePayload,
    description: 'Deletes a claim and its objects. Needs the admin role.',
    authScopes: { admin: true },
    errors: writeErrors('deleteClaim'),
    args: { input: t.arg({ type: DeleteClaimInput, required: true, description: 'The claim.' }) },
    resolve: (_root, { input }, ctx) =>
      write(ctx, 'deleteClaim', async (tx) => {
        const { id } = await deleteClaim(tx, locator(input.where, 'Claim', ['input', 'where']));
        return { deletedId: encodeGlobalID('Claim', id) };
      }),
  }),
}));
